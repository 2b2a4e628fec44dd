"""Nothing a public page sends may leave a trace: no cookies, no referrer."""

ADMIN_PREFIXES = ("/admin/", "/documents/")


class PublicPrivacyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not request.path_info.startswith(ADMIN_PREFIXES):
            # Public pages never set a cookie; a stray one (a CSRF token, a session) is dropped here.
            response.cookies.clear()
            response.headers.pop("Set-Cookie", None)
            response.headers["Referrer-Policy"] = "no-referrer"
        return response
