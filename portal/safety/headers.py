"""Security headers: a strict Content-Security-Policy on public pages (django-csp), a looser one only where the
Wagtail admin needs it, and the browser isolation headers Django does not set itself."""

from csp.constants import SELF
from csp.middleware import CSPMiddleware

from portal.safety.middleware import ADMIN_PREFIXES

# What the Wagtail admin needs beyond the public policy (inline styles and scripts in its templates, previews in a
# frame of its own, images pasted as data: and blob: URLs). Nothing of this applies to public pages.
ADMIN_POLICY = {
    "script-src": [SELF, "'unsafe-inline'"],
    "style-src": [SELF, "'unsafe-inline'"],
    "img-src": [SELF, "data:", "blob:"],
    "frame-src": [SELF],
    "frame-ancestors": [SELF],
}
PERMISSIONS_POLICY = (
    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=(), browsing-topics=()"
)


class SitePolicyMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if request.path_info.startswith(ADMIN_PREFIXES):
            parts.replace = {**ADMIN_POLICY, **(parts.replace or {})}
        return parts

    def process_response(self, request, response):
        response = super().process_response(request, response)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        response.headers.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        response.headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        if request.path_info.startswith(ADMIN_PREFIXES):
            response.headers["X-Robots-Tag"] = "noindex, nofollow"
        return response
