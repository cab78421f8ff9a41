"""Passwords and tokens written into URLs (pip's ``https://user:token@host/simple``, a spec's private mirror):
sent to the host they were written for, never printed, logged or stored."""
from __future__ import annotations

import re

# the userinfo of any URL in a text: what precedes the host's '@', which is the authority's last '@' (no '/'
# or whitespace before it): a password holding a raw '@' ('p@ss') is sent whole by requests, urllib3 and
# split_credentials, and stopping at its first '@' printed the rest of it
_USERINFO = re.compile(r"(?i)\b([a-z][a-z0-9+.-]*://)[^/?#\s]+@")


def hide_credentials(text: str) -> str:
    """``text`` with the user and password of every URL in it replaced by ``***``."""
    return _USERINFO.sub(r"\1***@", text)


def split_credentials(url: str) -> tuple[str, tuple[str, str] | None]:
    """``url`` without its userinfo, and the (user, password) it held (percent-decoded), or None."""
    from urllib.parse import unquote, urlsplit, urlunsplit

    parts = urlsplit(url)
    if "@" not in parts.netloc:
        return url, None
    userinfo, _, host = parts.netloc.rpartition("@")
    user, _, password = userinfo.partition(":")
    return urlunsplit(parts._replace(netloc=host)), (unquote(user), unquote(password))
