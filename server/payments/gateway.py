"""The one place that talks to Stripe: the official library, one ``StripeClient`` per conference key.

Every call that creates something carries an idempotency key derived from our own ids, so a retry
after a timeout (ours or Stripe's) can never create a second Checkout Session or a second refund.
``DOORSTATION_STRIPE_API_BASE`` points the library elsewhere (a local fake in tests, stripe-mock).
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING

from server.conferences.models import Conference
from server.errors import DomainError, InvalidInput
from shared.languages import N_, Marked

if TYPE_CHECKING:
    # The library itself is imported where a call is made: with its HTTP clients (requests, httpx and
    # what they pull in) it is ~10 MB in every server worker, most of which never speaks to Stripe.
    import stripe
    from stripe.params import RefundCreateParams
    from stripe.params.checkout import SessionCreateParams

# Stripe's currencies without a minor unit: amounts are sent as they are (¥5000 is 5000).
ZERO_DECIMAL = frozenset("bif clp djf gnf jpy kmf krw mga pyg rwf ugx vnd vuv xaf xof xpf".split())
# Three-decimal currencies: sent in thousandths, and Stripe wants the last digit 0.
THREE_DECIMAL = frozenset("bhd jod kwd omr tnd".split())


class PaymentProviderError(DomainError):
    """Stripe could not be reached or refused the request; nothing was changed on our side."""

    code = "payment_provider"
    http_status = 502


def to_minor_units(amount: Decimal, currency: str) -> int:
    """Decimal money → the integer Stripe wants, for this currency."""
    currency = currency.lower()
    if currency in ZERO_DECIMAL:
        exponent = 0
    elif currency in THREE_DECIMAL:
        return int((amount * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP)) * 10
    else:
        exponent = 2
    minor = amount * (10 ** exponent)
    if minor != minor.to_integral_value():
        raise InvalidInput(f"{amount} {currency.upper()} has more decimals than the currency allows.")
    return int(minor)


def from_minor_units(amount: int, currency: str) -> Decimal:
    currency = currency.lower()
    if currency in ZERO_DECIMAL:
        return Decimal(amount)
    if currency in THREE_DECIMAL:
        return Decimal(amount) / 1000
    return Decimal(amount) / 100


# Where Stripe is: its own API unless the settings say otherwise (a local test double, stripe-mock).
# Handed in once by whoever read the settings (server.app's create_app, the CLI); never read per call.
_api_base: str | None = None


def use_stripe_api(api_base: str | None) -> None:
    global _api_base
    _api_base = api_base


class StripeGateway:
    def __init__(self, conference: Conference) -> None:
        import stripe  # lazily: see the note on the imports above

        if not conference.stripe_secret_key:
            raise InvalidInput(Marked(N_("Conference %(slug)s has no Stripe secret key; set it with `doorstation "
                                         "conference stripe %(slug)s --secret-key sk_…`."), slug=conference.slug))
        api_base = _api_base
        self.currency = conference.currency.lower()
        self.client = stripe.StripeClient(
            conference.stripe_secret_key,
            base_addresses={"api": api_base} if api_base else None,
            max_network_retries=2,  # safe: every creating call below has an idempotency key
        )

    def create_checkout_session(self, params: SessionCreateParams, *, idempotency_key: str) -> stripe.checkout.Session:
        import stripe  # loaded by __init__ already; the name is needed for the except clause

        try:
            return self.client.v1.checkout.sessions.create(params=params,
                                                            options={"idempotency_key": idempotency_key})
        except stripe.StripeError as error:
            raise PaymentProviderError(Marked(N_("Stripe did not create the Checkout Session: %(why)s"),
                                              why=_message(error))) from error

    def retrieve_checkout_session(self, session_id: str) -> stripe.checkout.Session:
        import stripe  # loaded by __init__ already; the name is needed for the except clause

        try:
            return self.client.v1.checkout.sessions.retrieve(session_id)
        except stripe.StripeError as error:
            raise PaymentProviderError(Marked(N_("Stripe did not find the Checkout Session: %(why)s"),
                                              why=_message(error))) from error

    def refund(self, payment_intent_id: str, amount: Decimal | None, *, idempotency_key: str) -> stripe.Refund:
        params: RefundCreateParams = {"payment_intent": payment_intent_id}
        if amount is not None:
            params["amount"] = to_minor_units(amount, self.currency)
        import stripe  # loaded by __init__ already; the name is needed for the except clause

        try:
            return self.client.v1.refunds.create(params=params, options={"idempotency_key": idempotency_key})
        except stripe.StripeError as error:
            raise PaymentProviderError(Marked(N_("Stripe did not make the refund: %(why)s"),
                                              why=_message(error))) from error


def _message(error: stripe.StripeError) -> str:
    return error.user_message or str(error) or error.__class__.__name__
