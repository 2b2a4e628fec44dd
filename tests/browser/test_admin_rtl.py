import base64

from django.contrib.auth import get_user_model
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from content.models import ChapterPage


def test_right_to_left_admin_inputs(page, django_db_blocker):
    # Committed (no test transaction), so the server thread sees the editor account.
    with django_db_blocker.unblock():
        user_model = get_user_model()
        if not user_model.objects.filter(username="rtl-editor").exists():
            user_model.objects.create_superuser("rtl-editor", "rtl@example.invalid", "a-long-test-password")
        chapter = ChapterPage.objects.first()
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto("/admin/login/")
    page.fill('input[name="username"]', "rtl-editor")
    page.fill('input[name="password"]', "a-long-test-password")
    page.click('button[type="submit"]')
    # The second factor: a new editor scans the QR code; here the key shown beside it makes the code.
    page.wait_for_url("**/admin/2fa/**")
    if page.locator("[data-totp-secret]").count():
        key = base64.b32decode(page.locator("[data-totp-secret]").first.inner_text().strip())
    else:
        with django_db_blocker.unblock():
            key = TOTPDevice.objects.get(user__username="rtl-editor", confirmed=True).bin_key
    page.fill('input[name="token"]', str(totp(key)).zfill(6))
    page.click('form:has(input[name="token"]) button[type="submit"]')
    page.wait_for_url("**/admin/")
    page.goto(f"/admin/pages/{chapter.pk}/edit/", timeout=120_000)  # 22 languages of fields: a big form
    page.wait_for_selector('input[name="title_ar"][dir="rtl"]', state="attached", timeout=60_000)
    assert page.locator('input[name="title_ar"]').get_attribute("lang") == "ar"
    assert page.locator('input[name="title_ps"]').get_attribute("dir") == "rtl"
    assert page.locator('input[name="title_nl"]').get_attribute("dir") is None
    assert page.locator('textarea[name="summary_fa"]').get_attribute("dir") == "rtl"
