"""Login with throttling; logout and password change are Django's own views."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from jixiao.web.accounts import services


class LoginView(auth_views.LoginView):
    """Django's login, refusing a username+address after too many failures in the window."""

    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        username = str(request.POST.get("username", ""))
        if services.login_refused(username, services.client_ip(request)):
            form = self.get_form()
            form.errors.clear()
            minutes = settings.LOGIN_FAILURE_WINDOW_SECONDS // 60
            message = _("登录失败次数过多，请 %(minutes)d 分钟后再试。") % {"minutes": minutes}
            return self.render_to_response(self.get_context_data(form=form, throttled=message), status=429)
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form: Any) -> HttpResponse:
        services.record_login_failure(str(self.request.POST.get("username", "")), services.client_ip(self.request))
        return super().form_invalid(form)

    def form_valid(self, form: Any) -> HttpResponse:
        services.clear_login_failures(form.get_user().get_username(), services.client_ip(self.request))
        return super().form_valid(form)
