"""Schemathesis hook of scripts/fuzz-api.sh: signs the generated /api/pay/callback requests.

Without a signature every callback is a 401 and the fuzz run never reaches the callback's
validation and business checks. This hook signs three in four of them as the payment provider
does (webhook/WebhookSignature.java): header Mall-Pay-Signature: t=<unix>,v1=<hex HMAC-SHA256
over "<t>." + the raw body>, with the run's MALL_PAY_WEBHOOK_SECRET, over the exact bytes that
go out. The other quarter (chosen by the body's hash, so a rerun with the same seed picks the
same ones) keeps whatever signature header the generator made, or none: those must stay 401.
The check `signed_callbacks` holds the API to both, and fails the run unless it saw signed
callbacks get past the signature and unsigned ones refused.
"""

import hashlib
import hmac
import os
import time

import schemathesis

CALLBACK = "/api/pay/callback"
HEADER = "Mall-Pay-Signature"
SECRET = os.environ["MALL_PAY_WEBHOOK_SECRET"].encode()
# An unsigned callback is a 401 - or refused for its Accept (406), size (413) or media type (415)
# before the signature is read.
REFUSED_BEFORE_THE_SIGNATURE = {401, 406, 413, 415}


def _bytes(body):
    if body is None:
        return b""
    return body.encode() if isinstance(body, str) else bytes(body)


def _unsigned(body):
    """A quarter of the bodies stay unsigned, the same ones on every run."""
    return hashlib.sha256(body).digest()[0] % 4 == 0


class _Sign:
    """A requests auth: it sees the prepared request, body serialized as it will be sent."""

    def __call__(self, request):
        body = _bytes(request.body)
        if _unsigned(body):
            return request
        timestamp = str(int(time.time()))
        mac = hmac.new(SECRET, timestamp.encode() + b"." + body, hashlib.sha256).hexdigest()
        request.headers[HEADER] = f"t={timestamp},v1={mac}"
        return request


@schemathesis.hook
def before_call(context, case, kwargs):
    if case.operation.path == CALLBACK:
        kwargs["auth"] = _Sign()


def _validly_signed(request):
    """Whether the request carries a signature this run's secret made over its exact body."""
    header = request.headers.get(HEADER, "")
    parts = dict(part.split("=", 1) for part in header.split(",") if "=" in part)
    if "t" not in parts or "v1" not in parts:
        return False
    mac = hmac.new(
        SECRET, parts["t"].encode() + b"." + _bytes(request.body), hashlib.sha256
    ).hexdigest()
    return hmac.compare_digest(mac, parts["v1"])


@schemathesis.check
class signed_callbacks:  # noqa: N801 - a check is named by its class
    """A signed callback gets past the signature (never 401), an unsigned one is refused."""

    def __init__(self):
        self.passed = set()
        self.refused = set()

    def after_response(self, ctx, response, case):
        if case.operation.path != CALLBACK or case.method.upper() != "POST":
            return  # other methods are the method probes' business (405; OPTIONS lists them)
        status = response.status_code
        if _validly_signed(response.request):
            if status == 401:
                raise AssertionError("a callback signed with the run's secret was refused: 401")
            self.passed.add(status)
        elif status not in REFUSED_BEFORE_THE_SIGNATURE:
            raise AssertionError(f"an unsigned or wrongly signed callback was answered {status}")
        elif status == 401:
            self.refused.add(status)

    def after_run(self, ctx):
        if not self.passed or not self.refused:
            raise AssertionError(
                f"callbacks past the signature: {sorted(self.passed)}, refused: {sorted(self.refused)}"
            )
