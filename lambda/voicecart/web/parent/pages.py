"""The parent page under /parent: server-rendered forms, every post CSRF-checked."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from flask import (
    Blueprint,
    Response,
    abort,
    flash,
    g,
    make_response,
    redirect,
    render_template,
    request,
    url_for,
)
from werkzeug.datastructures import MultiDict

from ...domain import codes
from ...domain.catalog import AGE_RESTRICTED_CATEGORIES
from ...domain.errors import DomainError, NotFound, ValidationError
from ...domain.household import Mode, Role
from ...domain.parent_access import SignInRefused, TooManyAttempts
from ...ports import PaymentError
from . import inputs, wording
from .auth import (
    CSRF_FIELD,
    SAFE_METHODS,
    csrf_ok,
    csrf_token,
    end_session,
    session_household,
    start_session,
)
from .chart import ROLE_ORDER, spending_chart
from .context import ParentContext
from .shapes import always_blocked

WEB = Path(__file__).resolve().parent.parent
PUBLIC_ENDPOINTS = frozenset({"parent.sign_in", "parent.static"})
AUDIT_PAGE = 25
OUTCOME_CHOICES = (
    ("", "Any outcome"),
    ("allow", "Ordered"),
    ("needs_approval", "Sent for approval"),
    ("needs_code", "Asked for the code"),
    ("deny", "Blocked"),
)


def _safe_next(target: str | None) -> str:
    if target and target.startswith("/parent") and "//" not in target and "\\" not in target:
        return target
    return url_for("parent.overview")


def page_blueprint(ctx: ParentContext) -> Blueprint:  # noqa: C901 - one closure per route
    bp = Blueprint(
        "parent",
        __name__,
        url_prefix="/parent",
        template_folder=str(WEB / "templates"),
        static_folder=str(WEB / "static" / "parent"),
        static_url_path="/static",
    )

    @bp.before_request
    def guard() -> Any:
        if request.method not in SAFE_METHODS and request.endpoint != "parent.static":
            if not csrf_ok(request.form.get(CSRF_FIELD)):
                return _error(
                    403,
                    "This form has expired or did not come from this page. "
                    "Go back, reload the page and try again.",
                )
        if request.endpoint in PUBLIC_ENDPOINTS:
            return None
        hid = session_household(ctx.access, ctx.now())
        if hid is None:
            return redirect(url_for("parent.sign_in", next=request.full_path.rstrip("?")))
        g.voicecart_household = hid
        return None

    @bp.after_request
    def headers(response: Response) -> Response:
        response.headers.setdefault("Cache-Control", "no-store")
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["X-Frame-Options"] = "DENY"
        response.headers["Referrer-Policy"] = "same-origin"
        response.headers["Content-Security-Policy"] = (
            "default-src 'self'; style-src 'self'; img-src 'self' data:; script-src 'none'; "
            "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
        )
        return response

    def _error(status: int, message: str) -> Response:
        return make_response(
            render_template("parent/error.html", message=message, csrf_token=csrf_token()), status
        )

    def hid() -> str:
        household_id: str = g.voicecart_household
        return household_id

    def render(template: str, status: int = 200, **values: Any) -> Response:
        household = ctx.household(hid())
        lock = ctx.store.get_code_lock(hid())
        page = render_template(
            f"parent/{template}",
            household=household,
            lock=lock,
            locked=lock.is_locked(ctx.now()),
            csrf_token=csrf_token(),
            now=ctx.now(),
            w=wording,
            pending_count=len(ctx.pending(hid())),
            **values,
        )
        return make_response(page, status)

    def back(endpoint: str, message: str, category: str = "ok", **kw: Any) -> Any:
        flash(message, category)
        return redirect(url_for(endpoint, **kw))

    # ---- signing in and out ----------------------------------------------------------
    @bp.route("/sign-in", methods=["GET", "POST"])
    def sign_in() -> Any:
        if request.method == "GET":
            if session_household(ctx.access, ctx.now()):
                return redirect(_safe_next(request.args.get("next")))
            return render_template(
                "parent/sign_in.html",
                csrf_token=csrf_token(),
                next=request.args.get("next", ""),
                email="",
                message=None,
            )
        email = request.form.get("email", "")
        try:
            login = ctx.access.sign_in(email, request.form.get("password", ""))
        except TooManyAttempts as exc:
            minutes = max(1, (exc.retry_after + 59) // 60)
            page = render_template(
                "parent/sign_in.html",
                csrf_token=csrf_token(),
                email=email,
                next=request.form.get("next", ""),
                message=f"Too many tries. Wait {minutes} minutes and try again.",
            )
            response = make_response(page, 429)
            response.headers["Retry-After"] = str(exc.retry_after)
            return response
        except SignInRefused:
            page = render_template(
                "parent/sign_in.html",
                csrf_token=csrf_token(),
                email=email,
                next=request.form.get("next", ""),
                message="That e-mail and password don't match.",
            )
            return make_response(page, 401)
        start_session(login.household_id, ctx.access.session_stamp(login.household_id), ctx.now())
        return redirect(_safe_next(request.form.get("next")))

    @bp.post("/sign-out")
    def sign_out() -> Any:
        end_session()
        flash("You are signed out.", "ok")
        return redirect(url_for("parent.sign_in"))

    # ---- overview --------------------------------------------------------------------
    @bp.get("/")
    def overview() -> Response:
        household = ctx.household(hid())
        spends = ctx.spending(household)
        pending = ctx.pending(hid())
        return render(
            "overview.html",
            pending=pending,
            chart=spending_chart(spends),
            spends=spends,
            stopped=ctx.stopped(hid()),
            budget_notes=ctx.budget_notes(household, pending),
            last_wrong=ctx.last_wrong_code(hid()),
            notes=ctx.store.list_notifications(hid(), 3),
        )

    @bp.post("/approvals/<approval_id>/approve")
    def approve(approval_id: str) -> Response:
        try:
            result = ctx.services.purchases.approve(
                ctx.actor(hid(), "web"), approval_id, parent_authenticated=True
            )
        except (DomainError, PaymentError) as exc:
            return back("parent.overview", f"Could not approve: {exc}.", "error")
        if result.order is None:
            return back(
                "parent.overview",
                f"Could not approve: {result.decision.reason.replace('_', ' ')}.",
                "error",
            )
        names = ", ".join(line.name for line in result.order.lines)
        return back(
            "parent.overview",
            f"Approved. Order {result.order.id} for "
            f"{wording.dollars(result.order.total)} ({names}) is placed.",
        )

    @bp.post("/approvals/<approval_id>/decline")
    def decline(approval_id: str) -> Response:
        try:
            decided = ctx.services.purchases.decline(ctx.actor(hid(), "web"), approval_id)
        except DomainError as exc:
            return back("parent.overview", f"Could not decline: {exc}.", "error")
        return back("parent.overview", f"Declined {decided.requested_by}'s request.")

    @bp.post("/unlock")
    def unlock() -> Response:
        ctx.services.purchases.unlock(hid(), by="a parent on the parent page")
        target = "parent.code" if request.form.get("back") == "code" else "parent.overview"
        return back(target, "Voice purchasing is unlocked. The wrong-code count starts again.")

    # ---- profiles --------------------------------------------------------------------
    def profiles_page(
        status: int = 200,
        errors: dict[str, str] | None = None,
        form: MultiDict[str, str] | None = None,
        form_id: str = "",
    ) -> Response:
        profiles = sorted(ctx.profiles(hid()), key=lambda p: (ROLE_ORDER.get(p.role, 9), p.name))
        known = {p.category for p in ctx.store.iter_products()} | AGE_RESTRICTED_CATEGORIES
        for p in profiles:
            known |= p.blocked_categories
        return render(
            "profiles.html",
            status,
            profiles=profiles,
            categories=sorted(known),
            forced={p.id: always_blocked(p) for p in profiles},
            plural={"child": "children", "teen": "teens", "guest": "guests"},
            modes=list(Mode),
            child=Role.CHILD,
            errors=errors or {},
            form=form,
            form_id=form_id,
        )

    @bp.get("/profiles")
    def profiles() -> Response:
        return profiles_page()

    @bp.post("/profiles/<profile_id>")
    def save_profile(profile_id: str) -> Response:
        form = request.form
        raw: dict[str, object] = {
            "name": form.get("name", ""),
            "mode": form.get("mode", ""),
            "per_order_limit": form.get("per_order_limit", ""),
            "daily_budget": form.get("daily_budget", ""),
            "monthly_budget": form.get("monthly_budget", ""),
            "blocked_categories": form.getlist("blocked_categories"),
            "person_ids": form.get("person_ids", "").split(),
        }
        start, end = form.get("quiet_start", ""), form.get("quiet_end", "")
        if bool(start) != bool(end):
            return profiles_page(
                400,
                {profile_id: "Give both a start and an end for quiet hours, or leave both empty."},
                form,
                profile_id,
            )
        raw["quiet_hours"] = f"{start}-{end}" if start else None
        try:
            current = ctx.services.households.profile(hid(), profile_id)
            updated = inputs.changed_profile(current, inputs.profile_changes(raw))
            ctx.services.households.save_profile(updated)
        except DomainError as exc:
            status = 404 if isinstance(exc, NotFound) else 400
            return profiles_page(status, {profile_id: _sentence(exc)}, form, profile_id)
        return back(
            "parent.profiles", f"Saved {updated.name}'s rules.", _anchor=f"profile-{profile_id}"
        )

    # ---- voice code and settings -----------------------------------------------------
    def code_page(status: int = 200, error: str | None = None, **values: Any) -> Response:
        return render(
            "code.html",
            status,
            has_password=ctx.access.has_password(hid()),
            tokens=ctx.access.tokens(hid()),
            error=error,
            **values,
        )

    @bp.get("/code")
    def code() -> Response:
        return code_page()

    @bp.post("/code")
    def set_code() -> Response:
        form = request.form
        new, again = form.get("new_code", "").strip(), form.get("confirm_code", "").strip()
        current, password = form.get("current_code", ""), form.get("password", "")
        try:
            if new != again:
                raise ValidationError("the two new codes are not the same")
            checked = codes.normalize(new)
            weak = codes.weak_reason(checked)
            if weak:
                raise ValidationError(f"choose another code: {weak}")
            if ctx.household(hid()).has_code:
                if password:
                    proven = ctx.access.check_password(hid(), password)
                elif current:
                    proven = ctx.access.check_voice_code(hid(), current)
                else:
                    raise ValidationError("enter the current voice code or your parent password")
                if not proven:
                    raise ValidationError("the current voice code or password is not right")
            ctx.services.households.set_code(hid(), checked, parent_authenticated=True)
        except TooManyAttempts as exc:
            minutes = max(1, (exc.retry_after + 59) // 60)
            return code_page(429, f"Too many tries. Wait {minutes} minutes and try again.")
        except DomainError as exc:
            return code_page(400, _sentence(exc))
        return back("parent.code", "The new voice code is set. Nobody will hear it read back.")

    # ---- API tokens (for scripts and home automations, on /api/v1) ---------------------
    @bp.post("/tokens")
    def create_token() -> Response:
        try:
            record, token = ctx.access.create_token(hid(), request.form.get("label", ""))
        except DomainError as exc:
            return code_page(400, token_error=_sentence(exc))
        # Shown once, in this page only: never in a redirect, the flash cookie or a log.
        response = code_page(201, new_token=token, new_token_label=record.label)
        response.headers["Cache-Control"] = "no-store"
        return response

    @bp.post("/tokens/<token_id>/revoke")
    def revoke_token(token_id: str) -> Response:
        try:
            revoked = ctx.access.revoke_token(hid(), token_id)
        except DomainError as exc:
            status = 404 if isinstance(exc, NotFound) else 400
            return code_page(status, token_error=_sentence(exc))
        return back("parent.code", f"Revoked the token “{revoked.label}”.", _anchor="tokens")

    @bp.post("/settings")
    def settings() -> Response:
        changes = {
            "voice_purchasing": request.form.get("voice_purchasing") == "on",
            "code_required": request.form.get("code_required") == "on",
        }
        ctx.services.households.update_settings(hid(), **changes)
        return back("parent.code", "Settings saved.")

    # ---- orders ----------------------------------------------------------------------
    @bp.get("/orders")
    def orders() -> Response:
        return render(
            "orders.html",
            orders=ctx.store.list_orders(hid(), 50),
            names=ctx.names(hid()),
            window=ctx.cancel_window,
        )

    @bp.post("/orders/<order_id>/cancel")
    def cancel(order_id: str) -> Response:
        try:
            order = ctx.services.purchases.cancel(
                ctx.household(hid()), order_id, by="a parent on the parent page"
            )
        except DomainError as exc:
            return back("parent.orders", f"Could not cancel: {exc}.", "error")
        return back("parent.orders", f"Order {order.id} is cancelled and the charge refunded.")

    # ---- activity and notifications --------------------------------------------------
    @bp.get("/activity")
    def activity() -> Response:
        profile_id = request.args.get("profile") or None
        outcome = request.args.get("outcome") or None
        if outcome not in (None, "allow", "needs_code", "needs_approval", "deny"):
            abort(400)
        try:
            page = max(1, int(request.args.get("page", "1")))
        except ValueError:
            page = 1
        entries = ctx.store.list_audit(
            hid(),
            limit=AUDIT_PAGE + 1,
            offset=(page - 1) * AUDIT_PAGE,
            profile_id=profile_id,
            outcome=outcome,
        )
        return render(
            "activity.html",
            entries=entries[:AUDIT_PAGE],
            more=len(entries) > AUDIT_PAGE,
            page=page,
            profile_id=profile_id or "",
            outcome=outcome or "",
            profiles=ctx.profiles(hid()),
            outcomes=OUTCOME_CHOICES,
        )

    @bp.get("/notifications")
    def notifications() -> Response:
        return render("notifications.html", notes=ctx.store.list_notifications(hid(), 100))

    return bp


def _sentence(exc: Exception) -> str:
    text = str(exc).strip() or "That did not work"
    text = text[0].upper() + text[1:]
    return text if text.endswith(".") else text + "."
