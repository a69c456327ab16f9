"""Typed readers for settings that come from the environment.

Every reader fails at start-up with the variable's name and what it accepts, so a typo in a
deployment never turns into a silent default.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterable, Mapping
from pathlib import Path

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


class SettingError(ValueError):
    """A setting read from the environment has a value that cannot be used."""

    def __init__(self, name: str, value: str, expected: str) -> None:
        super().__init__(f"{name}={value!r} is not valid: expected {expected}")
        self.name = name


def env_bool(name: str, default: bool, env: Mapping[str, str] | None = None) -> bool:
    env = os.environ if env is None else env
    raw = env.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise SettingError(name, raw, "one of 1/0, true/false, yes/no, on/off")


def env_int(
    name: str,
    default: int,
    env: Mapping[str, str] | None = None,
    minimum: int | None = None,
) -> int:
    env = os.environ if env is None else env
    raw = env.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = int(raw.strip().replace("_", ""))
    except ValueError:
        raise SettingError(name, raw, "a whole number") from None
    if minimum is not None and value < minimum:
        raise SettingError(name, raw, f"a whole number >= {minimum}")
    return value


def env_str(name: str, default: str, env: Mapping[str, str] | None = None) -> str:
    env = os.environ if env is None else env
    raw = env.get(name)
    return default if raw is None or raw.strip() == "" else raw.strip()


def env_choice(name: str, default: str, choices: Iterable[str], env: Mapping[str, str] | None = None) -> str:
    """One of a fixed set of words (case-insensitive); anything else names the ones accepted."""
    allowed = list(choices)
    value = env_str(name, default, env).lower()
    if value not in allowed:
        raise SettingError(name, value, "one of " + ", ".join(allowed))
    return value


def env_list(name: str, default: list[str], env: Mapping[str, str] | None = None) -> list[str]:
    """A comma-separated list; blanks are dropped."""
    env = os.environ if env is None else env
    raw = env.get(name)
    if raw is None or raw.strip() == "":
        return list(default)
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_broker_url(name: str, default: str, env: Mapping[str, str] | None = None) -> str:
    url = env_str(name, default, env)
    scheme = url.split("://", 1)[0].lower() if "://" in url else ""
    if scheme not in {"redis", "rediss", "amqp", "amqps", "pyamqp"}:
        raise SettingError(name, url, "a redis://HOST:PORT/DB or amqp://USER:PASSWORD@HOST:PORT// URL")
    return url


def env_database_url(name: str, default: str, env: Mapping[str, str] | None = None) -> str:
    url = env_str(name, default, env)
    scheme = url.split("://", 1)[0].lower() if "://" in url else ""
    if scheme not in {"sqlite", "postgres", "postgresql", "pgsql"}:
        raise SettingError(name, url, "a sqlite:///PATH or postgres://USER@HOST:PORT/NAME URL")
    return url


# CVs, the database and the index hold personal data: nobody but the account that runs Shortlist reads
# them. Files 600, folders 700, whatever the login shell's umask.
PRIVATE_UMASK = 0o077
# What start-up tightens when an older install (or another tool) left it readable to others.
_PRIVATE_ENTRIES = ("shortlist.sqlite3", "shortlist.sqlite3-wal", "shortlist.sqlite3-shm", "secret_key",
                    "demo-login.txt", "skills.yaml", "uploads", "index", "playbooks", "static")  # fmt: skip


def keep_files_private() -> None:
    """Every file and folder this process creates from now on is 600/700 (set before anything is)."""
    os.umask(PRIVATE_UMASK)


def make_private(home: Path) -> None:
    """The data directory 700, and what Shortlist keeps in it 600/700, including older files."""
    for path in _entries(home):
        try:
            if path.is_symlink() or path.stat().st_mode & 0o077 == 0:
                continue
            path.chmod(0o700 if path.is_dir() else 0o600)
        except OSError:  # not ours to change (a shared mount): leave it rather than refuse to start
            continue


def _entries(home: Path) -> list[Path]:
    """The data directory and the entries Shortlist keeps in it (not anything else a user put there)."""
    found = [home]
    for name in _PRIVATE_ENTRIES:
        entry = home / name
        if entry.is_dir() and not entry.is_symlink():
            found += [entry, *entry.rglob("*")]
        elif entry.exists():
            found.append(entry)
    return found


def data_home(env: Mapping[str, str] | None = None) -> Path:
    """The data directory (SHORTLIST_HOME, default ./var): database, secret key, user data files."""
    home = Path(env_str("SHORTLIST_HOME", "var", env)).expanduser().resolve()
    home.mkdir(mode=0o700, parents=True, exist_ok=True)
    return home


def secret_key(home: Path, env: Mapping[str, str] | None = None) -> str:
    """SECRET_KEY from the environment, or one generated once and kept in the data directory."""
    given = env_str("SECRET_KEY", "", env)
    if given:
        if len(given) < 32:
            raise SettingError("SECRET_KEY", "<hidden>", "at least 32 characters")
        return given
    path = home / "secret_key"
    if path.exists():
        key = path.read_text().strip()
        if key:
            return key
    key = secrets.token_urlsafe(50)
    # The key grants session forgery to whoever reads it, so only the owner may.
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(key + "\n")
    return key


def env_url(name: str, schemes: tuple[str, ...], env: Mapping[str, str] | None = None) -> str:
    """An optional URL (empty when unset) whose scheme must be one of `schemes`."""
    url = env_str(name, "", env)
    if url and ("://" not in url or url.split("://", 1)[0].lower() not in schemes):
        raise SettingError(name, url, " or ".join(f"{scheme}://…" for scheme in schemes) + " URL")
    return url
