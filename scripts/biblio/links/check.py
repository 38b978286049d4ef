"""Checking URLs concurrently: bounded in total and per host, with a timeout and a retry."""

from __future__ import annotations

import asyncio
import socket
import time
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

import httpx

# Statuses, from best to worst. Only DEAD ones make the command fail.
OK = "ok"
REDIRECTED = "redirection"
CLIENT_ERROR = "erreur-client"
FORBIDDEN = "interdit-ou-limite"
SERVER_ERROR = "erreur-serveur"
TIMEOUT = "delai-depasse"
DNS = "dns"
CONNECTION = "connexion"
# Status → (what it is, what to do), for the reports.
STATUS_LABELS = {
    OK: ("en ligne", ""),
    REDIRECTED: ("redirigée", "mettre à jour l'adresse"),
    CLIENT_ERROR: ("introuvable", "404, 410… : lien mort"),
    FORBIDDEN: ("accès refusé ou limité", "401, 403, 429 : à vérifier à la main"),
    SERVER_ERROR: ("erreur du serveur", "5xx : à revérifier plus tard"),
    TIMEOUT: ("délai dépassé", "à revérifier plus tard"),
    DNS: ("nom de domaine introuvable", "lien mort"),
    CONNECTION: ("connexion refusée ou coupée", "à revérifier plus tard"),
}
DEAD = frozenset({CLIENT_ERROR, DNS})
# Worth a second try: the cause may be passing.
_TRANSIENT = frozenset({SERVER_ERROR, TIMEOUT, CONNECTION})
USER_AGENT = "biblio-liens/1.0 (verification des liens d'une bibliographie)"

Resolver = Callable[[str, int], Awaitable[object]]


@dataclass(frozen=True)
class LinkResult:
    url: str
    statut: str
    code: int | None = None
    cible: str = ""  # where a redirection ends
    detail: str = ""
    verifie_le: float = 0.0  # Unix time of the check


@dataclass(frozen=True)
class Settings:
    timeout: float = 10.0
    concurrency: int = 8
    per_host: int = 2
    retry_delay: float = 1.0


async def _system_resolve(host: str, port: int) -> object:
    return await asyncio.get_running_loop().getaddrinfo(host, port)


async def check_urls(
    urls: Iterable[str],
    settings: Settings = Settings(),
    on_done: Callable[[LinkResult], object] = lambda result: None,
    resolve: Resolver = _system_resolve,
) -> list[LinkResult]:
    """Check every URL once; results in the order of ``urls``."""
    unique = list(dict.fromkeys(urls))
    total = asyncio.Semaphore(settings.concurrency)
    hosts: dict[str, asyncio.Semaphore] = {}
    limits = httpx.Limits(max_connections=settings.concurrency)
    headers = {"User-Agent": USER_AGENT}
    async with httpx.AsyncClient(limits=limits, headers=headers, follow_redirects=True) as client:
        checker = _Checker(client, settings, resolve)

        async def one(url: str) -> LinkResult:
            host = hosts.setdefault(
                urlsplit(url).netloc.lower(), asyncio.Semaphore(settings.per_host)
            )
            async with host, total:  # a task waiting for its host holds no global slot
                result = await checker.check(url)
            on_done(result)
            return result

        return list(await asyncio.gather(*(one(url) for url in unique)))


class _Checker:
    def __init__(self, client: httpx.AsyncClient, settings: Settings, resolve: Resolver) -> None:
        self.client, self.settings, self.resolve = client, settings, resolve
        self.resolved: dict[str, str] = {}  # host → "" when resolved, or the failure

    async def check(self, url: str) -> LinkResult:
        result = await self._attempt(url)
        if result.statut in _TRANSIENT or result.code == 429:
            await asyncio.sleep(self.settings.retry_delay)
            result = await self._attempt(url)
        return result

    async def _attempt(self, url: str) -> LinkResult:
        failure = await self._resolution(url)
        if failure:
            return LinkResult(url, DNS, detail=failure, verifie_le=time.time())
        try:
            # The timeout of httpx bounds each read: a server sending a byte now and then
            # would hold the check for ever. ``asyncio.timeout`` bounds the whole request.
            async with asyncio.timeout(self.settings.timeout):
                # GET, not HEAD: many sites answer HEAD wrongly. Only the headers are read.
                request = self.client.stream("GET", url, timeout=self.settings.timeout)
                async with request as response:
                    return _from_response(url, response)
        except (httpx.TimeoutException, TimeoutError):
            detail = f"pas de réponse en {self.settings.timeout:g} s"
            return LinkResult(url, TIMEOUT, detail=detail, verifie_le=time.time())
        except httpx.TooManyRedirects:
            detail = "trop de redirections (boucle ?)"
            return LinkResult(url, CLIENT_ERROR, detail=detail, verifie_le=time.time())
        except (httpx.TransportError, httpx.InvalidURL, OSError) as exc:
            status = DNS if _is_dns_failure(exc) else CONNECTION
            return LinkResult(url, status, detail=_describe(exc), verifie_le=time.time())

    async def _resolution(self, url: str) -> str:
        parts = urlsplit(url)
        host = parts.hostname or ""
        if host not in self.resolved:
            try:
                await self.resolve(host, parts.port or (443 if parts.scheme == "https" else 80))
                self.resolved[host] = ""
            except socket.gaierror as exc:
                self.resolved[host] = f"nom {host} introuvable ({exc.strerror or exc})"
        return self.resolved[host]


def _from_response(url: str, response: httpx.Response) -> LinkResult:
    code = response.status_code
    now = time.time()
    if code in (401, 403, 429):
        return LinkResult(url, FORBIDDEN, code, verifie_le=now)
    if 400 <= code < 500:
        return LinkResult(url, CLIENT_ERROR, code, verifie_le=now)
    if code >= 500:
        return LinkResult(url, SERVER_ERROR, code, verifie_le=now)
    if response.history:
        target = str(response.url)
        steps = len(response.history)
        detail = f"{steps} redirection(s), code {response.history[0].status_code}"
        return LinkResult(url, REDIRECTED, code, target, detail, now)
    return LinkResult(url, OK, code, verifie_le=now)


def _is_dns_failure(exc: BaseException) -> bool:
    cause: BaseException | None = exc
    while cause is not None:
        if isinstance(cause, socket.gaierror):
            return True
        cause = cause.__cause__ or cause.__context__
    return False


_TRANSPORT_LABELS = {
    "ConnectError": "connexion refusée",
    "ReadError": "connexion coupée sans réponse",
    "WriteError": "connexion coupée pendant l'envoi",
    "RemoteProtocolError": "réponse du serveur incomplète ou invalide",
    "UnsupportedProtocol": "adresse non prise en charge",
}


def _describe(exc: BaseException) -> str:
    label = _TRANSPORT_LABELS.get(type(exc).__name__, type(exc).__name__)
    text = str(exc)
    return f"{label} ({text})" if text and text != type(exc).__name__ else label
