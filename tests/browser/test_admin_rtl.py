from django.contrib.auth import get_user_model

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
    page.wait_for_url("**/admin/")
    page.goto(f"/admin/pages/{chapter.pk}/edit/")
    page.wait_for_selector('input[name="title_ar"][dir="rtl"]', state="attached")
    assert page.locator('input[name="title_ar"]').get_attribute("lang") == "ar"
    assert page.locator('input[name="title_ps"]').get_attribute("dir") == "rtl"
    assert page.locator('input[name="title_nl"]').get_attribute("dir") is None
    assert page.locator('textarea[name="summary_fa"]').get_attribute("dir") == "rtl"
