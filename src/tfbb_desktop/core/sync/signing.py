"""Ed25519 signatures of exports and the publisher keys this installation trusts.

A key is trusted when it is shipped in ``resources/keys/`` or named by the administrator in the
machine-wide configuration file. Never a key carried by the export itself.
"""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from tfbb_desktop.core import paths
from tfbb_desktop.core.messages import msg

PUBLIC_KEY_SUFFIX = ".pub"


def _raw(public_key: Ed25519PublicKey) -> bytes:
    return public_key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def key_id(public_key: Ed25519PublicKey) -> str:
    return hashlib.sha256(_raw(public_key)).hexdigest()[:16]


def public_key_text(public_key: Ed25519PublicKey) -> str:
    """The text form of a public key: base64 of its 32 raw bytes."""
    return base64.b64encode(_raw(public_key)).decode("ascii")


def parse_public_key(text: str) -> Ed25519PublicKey:
    raw = base64.b64decode(text.strip(), validate=True)
    return Ed25519PublicKey.from_public_bytes(raw)


def generate_private_key() -> Ed25519PrivateKey:
    return Ed25519PrivateKey.generate()


def private_key_pem(key: Ed25519PrivateKey, passphrase: bytes | None = None) -> bytes:
    """The private key as PEM, encrypted with ``passphrase`` when one is given."""
    encryption: serialization.KeySerializationEncryption = (
        serialization.BestAvailableEncryption(passphrase) if passphrase
        else serialization.NoEncryption())
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        encryption,
    )


def is_encrypted(path: Path) -> bool:
    """Whether the PEM private key at ``path`` is protected by a passphrase."""
    return b"ENCRYPTED" in path.read_bytes()[:100]


def load_private_key(path: Path, passphrase: bytes | None = None) -> Ed25519PrivateKey:
    """The key at ``path``; ValueError for a wrong passphrase or no Ed25519 key, TypeError
    for a passphrase missing (or given for a key without one)."""
    key = serialization.load_pem_private_key(path.read_bytes(), password=passphrase)
    if not isinstance(key, Ed25519PrivateKey):
        raise ValueError(msg("key.not_ed25519", path=str(path)))
    return key


def sign(key: Ed25519PrivateKey, message: bytes) -> dict[str, str]:
    """The content of ``signature.json`` for ``message`` (the bytes of ``manifest.json``)."""
    return {
        "algorithm": "ed25519",
        "key_id": key_id(key.public_key()),
        "signature": base64.b64encode(key.sign(message)).decode("ascii"),
    }


MAX_SIGNATURES = 4  # in one signature.json: old and new key while a key is rotated, and spares


def sign_many(keys: list[Ed25519PrivateKey], message: bytes) -> dict[str, list[dict[str, str]]]:
    """``signature.json`` signed by each of ``keys``: while a key is rotated the export carries
    the old key's and the new key's signature, and a PC that trusts either accepts it."""
    if not 1 <= len(keys) <= MAX_SIGNATURES:
        raise ValueError(f"between 1 and {MAX_SIGNATURES} keys, not {len(keys)}")
    return {"signatures": [sign(key, message) for key in keys]}


@dataclass
class TrustPolicy:
    """What this installation accepts: its trusted keys, and whether unsigned files may pass."""

    keys: dict[str, Ed25519PublicKey] = field(default_factory=dict)
    allow_unsigned: bool = False

    def verify(self, key_id_: str, signature_b64: str, message: bytes) -> str:
        """'' if the signature is good, else the reason code: 'unknown_key' or 'bad_signature'."""
        key = self.keys.get(key_id_)
        if key is None:
            return "unknown_key"
        try:
            signature = base64.b64decode(signature_b64, validate=True)
            key.verify(signature, message)
        except (InvalidSignature, ValueError):
            return "bad_signature"
        return ""

    def verify_any(self, signatures: list[tuple[str, str]],
                   message: bytes) -> tuple[str, list[str]]:
        """``('', key_ids)`` with every trusted key whose signature in the (key_id, signature)
        pairs verifies, in their order; else ``(reason, [])``: 'bad_signature' if a trusted
        key's signature failed, else 'unknown_key'. Signatures by keys this PC does not trust
        are passed over."""
        outcomes = [(key, self.verify(key, signature, message)) for key, signature in signatures]
        if good := list(dict.fromkeys(key for key, outcome in outcomes if not outcome)):
            return "", good
        bad = any(outcome == "bad_signature" for _, outcome in outcomes)
        return ("bad_signature" if bad else "unknown_key"), []


@dataclass
class MachineConfig:
    """The administrator's machine-wide settings (``config.json``; see docs/deployment.md)."""

    trusted_keys: list[str] = field(default_factory=list)
    allow_unsigned: bool = False
    source: str = ""
    max_version_step: int | None = None
    publisher: bool = False  # the publisher's pages (Publicera, Inkorg) are shown


def load_machine_config(path: Path | None = None,
                        policy: Mapping[str, object] | None = None) -> MachineConfig:
    """``config.json`` with the Windows registry's policy values in place of its fields
    (``policy``: those values; by default read from the registry, and none off Windows)."""
    from tfbb_desktop.core.sync.policy import config_from_policy, read_policy_values

    config_path = path if path is not None else paths.machine_config_path()
    config = MachineConfig()
    if config_path.is_file():
        try:
            raw = json.loads(config_path.read_text(encoding="utf-8"))
        except json.JSONDecodeError as exc:
            raise ValueError(msg("config.not_json", path=str(config_path), error=exc.msg,
                                 line=exc.lineno)) from exc
        if not isinstance(raw, dict):
            raise ValueError(msg("config.not_object", path=str(config_path)))
        keys = raw.get("trusted_keys", [])
        step = raw.get("max_version_step")
        config = MachineConfig(
            trusted_keys=[str(k) for k in keys] if isinstance(keys, list) else [],
            allow_unsigned=raw.get("allow_unsigned") is True,
            source=str(raw.get("source", "")),
            max_version_step=int(step) if isinstance(step, int) else None,
            publisher=raw.get("publisher") is True)
    return config_from_policy(policy if policy is not None else read_policy_values(), config)


def trust_policy(keys_dir: Path | None = None, *, config: MachineConfig) -> TrustPolicy:
    """The keys shipped with the app plus those the administrator trusts (``config``)."""
    folder = keys_dir if keys_dir is not None else paths.resource_path("keys")
    keys: dict[str, Ed25519PublicKey] = {}
    for path in sorted(folder.glob(f"*{PUBLIC_KEY_SUFFIX}")):  # none if there is no folder
        key = parse_public_key(path.read_text(encoding="ascii"))
        keys[key_id(key)] = key
    for text in config.trusted_keys:
        try:
            key = parse_public_key(text)
        except ValueError as exc:
            raise ValueError(f"ogiltig publik nyckel i trusted_keys: {text[:20]}…") from exc
        keys[key_id(key)] = key
    return TrustPolicy(keys=keys, allow_unsigned=config.allow_unsigned)
