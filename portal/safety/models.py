from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

CACHE_KEY = "safety:quick-exit-url"


def validate_exit_address(value):
    """A neutral site over HTTPS (or a path of this site): never plain HTTP, never a script."""
    if not (value.startswith("https://") or (value.startswith("/") and not value.startswith("//"))):
        raise ValidationError("Use an https:// address (for example a weather or news site).")


@register_setting(icon="logout")
class QuickExitSetting(BaseGenericSetting):
    """Where "Leave this site" goes. Editors choose a common, neutral site that draws no attention in a history."""

    url = models.CharField(
        "neutral site",
        max_length=300,
        blank=True,
        validators=[validate_exit_address],
        help_text="For example https://www.meteo.be/. Empty: the address set by the QUICK_EXIT_URL variable.",
    )

    panels = [FieldPanel("url")]

    class Meta:
        verbose_name = "quick exit"

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        cache.delete(CACHE_KEY)
