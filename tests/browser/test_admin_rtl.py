from content.models import ChapterPage
from tests.browser.conftest import sign_in_to_admin


def test_right_to_left_admin_inputs(page, django_db_blocker):
    with django_db_blocker.unblock():
        chapter = ChapterPage.objects.first()
    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in_to_admin(page, django_db_blocker, "rtl-editor")
    page.goto(f"/admin/pages/{chapter.pk}/edit/", timeout=120_000)  # 22 languages of fields: a big form
    page.wait_for_selector('input[name="title_ar"][dir="rtl"]', state="attached", timeout=60_000)
    assert page.locator('input[name="title_ar"]').get_attribute("lang") == "ar"
    assert page.locator('input[name="title_ps"]').get_attribute("dir") == "rtl"
    assert page.locator('input[name="title_nl"]').get_attribute("dir") is None
    assert page.locator('textarea[name="summary_fa"]').get_attribute("dir") == "rtl"
