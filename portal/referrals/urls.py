from django.urls import path

from portal.referrals import views

urlpatterns = [
    path("", views.index, name="referral_index"),
    path("side-by-side/", views.choose, name="referral_choose"),
    path("side-by-side/<str:reader>/<slug:slug>/", views.side_by_side, name="referral_side_by_side"),
    path("handout/<str:reader>/<slug:slug>/", views.handout, name="referral_handout"),
    path("card/<str:reader>/<slug:slug>/", views.card, name="referral_card"),
    path("card/<str:reader>/<slug:slug>/pdf/", views.card_pdf, name="referral_card_pdf"),
    path("interpreter/<str:reader>/", views.interpreter_card, name="referral_interpreter"),
    path("<slug:slug>/", views.referral_page, name="referral_page"),
]
