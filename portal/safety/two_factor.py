"""Two-factor authentication for every editor (django-otp, TOTP): after the password, the admin asks for a code from
an authenticator app; an editor without a device sets one up first (QR code made here with segno)."""

import base64
from urllib.parse import quote

import segno
from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpResponseForbidden
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.views.decorators.cache import never_cache
from django_otp import login as otp_login
from django_otp import match_token
from django_otp.plugins.otp_totp.models import TOTPDevice

SETUP_URL = "/admin/2fa/setup/"
VERIFY_URL = "/admin/2fa/"
OPEN_PATHS = ("/admin/login/", "/admin/logout/", "/admin/2fa/", "/admin/password_reset/", "/admin/jsi18n/")


class RequireTwoFactorMiddleware:
    """Signed in but not yet verified with a second factor: every admin page sends the editor to the code form."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path_info
        user = getattr(request, "user", None)
        if (
            path.startswith(("/admin/", "/documents/"))
            and not path.startswith(OPEN_PATHS)
            and user is not None
            and user.is_authenticated
            and not user.is_verified()
        ):
            if request.method != "GET" or "text/html" not in request.headers.get("Accept", ""):
                # Scripts and forms of the admin (icons, autosave, uploads) get a refusal, not the code page, so
                # that only a page the editor opened becomes the place to return to.
                return HttpResponseForbidden("Two-factor authentication required.")
            target = VERIFY_URL if TOTPDevice.objects.devices_for_user(user, confirmed=True).exists() else SETUP_URL
            return redirect(f"{target}?next={quote(request.get_full_path())}")
        return self.get_response(request)


class TokenForm(forms.Form):
    token = forms.CharField(
        label="Code from your authenticator app",
        min_length=6,
        max_length=8,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}),
    )


def _next(request):
    target = request.POST.get("next") or request.GET.get("next") or "/admin/"
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}) or not target.startswith("/"):
        return "/admin/"
    return target


@never_cache
@login_required(login_url="/admin/login/")
def verify(request):
    if not TOTPDevice.objects.devices_for_user(request.user, confirmed=True).exists():
        return redirect(f"{SETUP_URL}?next={quote(_next(request))}")
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = match_token(request.user, form.cleaned_data["token"].strip())
        if device is not None:
            request.session.cycle_key()  # a new session id once the second factor is proven
            otp_login(request, device)
            return redirect(_next(request))
        form.add_error("token", "This code is not valid (or has been used). Wait for the next code and try again.")
    return render(request, "safety/two_factor_verify.html", {"form": form, "next": _next(request)})


@never_cache
@login_required(login_url="/admin/login/")
def setup(request):
    if TOTPDevice.objects.devices_for_user(request.user, confirmed=True).exists():
        return redirect(f"{VERIFY_URL}?next={quote(_next(request))}")
    device = TOTPDevice.objects.filter(user=request.user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=request.user, name="authenticator app", confirmed=False)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"].strip()):
            device.confirmed = True
            device.save()
            request.session.cycle_key()
            otp_login(request, device)
            return redirect(_next(request))
        form.add_error("token", "This code does not match. Check the time on your phone and try the next code.")
    qr = segno.make(device.config_url, error="m")
    return render(
        request,
        "safety/two_factor_setup.html",
        {
            "form": form,
            "next": _next(request),
            "qr": mark_safe(qr.svg_inline(scale=4, border=2, omitsize=True)),  # noqa: S308 (segno's own SVG)
            "secret": base64.b32encode(device.bin_key).decode(),
            "issuer": settings.OTP_TOTP_ISSUER,
        },
    )
