#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""A real SMTP server for tests (aiosmtpd) on 127.0.0.1, and a message parser.

Serve:
    smtp_sink.py --port-file FILE --dir DIR [--auth-user U --auth-password P
                 [--auth-mechanism PLAIN|LOGIN]] [--fail-first N] [--reject-all]

Binds port 0 and writes the bound port to FILE once it accepts connections.
Each accepted message is saved as DIR/msg-NNNN.eml (the raw data) with
DIR/msg-NNNN.json (envelope sender and recipients).  DIR/stats.json counts
connections, DATA commands, deliveries and logins (ok / failed), rewritten
after every event.  --fail-first N answers the first N DATA commands with
451 (transient); --reject-all answers every DATA with 550.  With --auth-user
the server requires AUTH (PLAIN and LOGIN, or only the one named), also
without TLS.  Exits on SIGTERM, or when its parent process goes away.

Parse:
    smtp_sink.py --parse FILE.eml
prints JSON: subject (decoded) and subject_raw, from, to, cc (header text and
addresses), message_id, date (and whether it parses), mime_version (and how
many such headers), whether all header bytes are ASCII, the names of the
top-level headers (lower case, in order), and the parts in
order (content type, charset, disposition, filename, transfer encoding,
size and sha256 of the decoded bytes, and the text of text parts).
"""

import argparse
import asyncio
import email
import email.policy
import email.utils
import hashlib
import json
import os
import signal
import sys


def write_atomic(path, data):
    tmp = path + ".tmp"
    with open(tmp, "wb") as f:
        f.write(data)
    os.replace(tmp, path)


def parse(path):
    with open(path, "rb") as f:
        data = f.read()
    head = data.split(b"\r\n\r\n", 1)[0]
    msg = email.message_from_bytes(data, policy=email.policy.default)
    raw = email.message_from_bytes(data, policy=email.policy.compat32)

    def addresses(name):
        values = msg.get_all(name) or []
        return [a for _, a in email.utils.getaddresses([str(v) for v in values])]

    date_ok = False
    try:
        date_ok = email.utils.parsedate_to_datetime(str(msg["date"])) is not None
    except (TypeError, ValueError):
        date_ok = False
    parts = []
    for part in msg.walk():
        entry = {
            "content_type": part.get_content_type(),
            "charset": part.get_content_charset(),
            "disposition": part.get_content_disposition(),
            "filename": part.get_filename(),
            "transfer_encoding": part.get("Content-Transfer-Encoding"),
        }
        if not part.is_multipart():
            payload = part.get_payload(decode=True) or b""
            entry["size"] = len(payload)
            entry["sha256"] = hashlib.sha256(payload).hexdigest()
            if part.get_content_maintype() == "text" and entry["filename"] is None:
                entry["text"] = part.get_content()
        parts.append(entry)
    out = {
        "subject": str(msg["subject"]) if msg["subject"] is not None else None,
        "subject_raw": raw["subject"],
        "from": str(msg["from"]),
        "from_addresses": addresses("from"),
        "to": str(msg["to"]),
        "to_addresses": addresses("to"),
        "cc": str(msg["cc"]) if msg["cc"] is not None else None,
        "cc_addresses": addresses("cc"),
        "message_id": str(msg["message-id"]),
        "date": str(msg["date"]),
        "date_ok": date_ok,
        "mime_version": str(msg["mime-version"]),
        "mime_version_count": len(msg.get_all("mime-version") or []),
        "headers_ascii": all(b < 0x80 for b in head),
        "header_names": [k.lower() for k in raw.keys()],
        "parts": parts,
    }
    json.dump(out, sys.stdout, ensure_ascii=False)
    sys.stdout.write("\n")
    return 0


def serve(args):
    from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword

    stats = {
        "connections": 0,
        "data": 0,
        "delivered": 0,
        "auth_ok": 0,
        "auth_failed": 0,
    }

    def save_stats():
        write_atomic(os.path.join(args.dir, "stats.json"), json.dumps(stats).encode())

    class Handler:
        async def handle_DATA(self, server, session, envelope):
            stats["data"] += 1
            if args.reject_all:
                save_stats()
                return "550 5.7.1 Message rejected by the test sink"
            if stats["data"] <= args.fail_first:
                save_stats()
                return "451 4.3.0 Temporary failure, try again later"
            stats["delivered"] += 1
            base = os.path.join(args.dir, "msg-%04d" % stats["delivered"])
            content = envelope.original_content or envelope.content
            if isinstance(content, str):
                content = content.encode("utf-8", "surrogateescape")
            write_atomic(base + ".eml", content)
            meta = {"mail_from": envelope.mail_from, "rcpt_tos": envelope.rcpt_tos}
            write_atomic(base + ".json", json.dumps(meta).encode())
            save_stats()
            return "250 2.0.0 OK: queued"

    def authenticator(server, session, envelope, mechanism, auth_data):
        ok = (
            isinstance(auth_data, LoginPassword)
            and auth_data.login == args.auth_user.encode()
            and auth_data.password == args.auth_password.encode()
        )
        stats["auth_ok" if ok else "auth_failed"] += 1
        save_stats()
        # handled=False: let aiosmtpd answer 235 / 535 itself.
        return AuthResult(success=ok, handled=False)

    class CountingSMTP(SMTP):
        def connection_made(self, transport):
            stats["connections"] += 1
            save_stats()
            super().connection_made(transport)

    kwargs = {"hostname": "sink.test"}
    if args.auth_user is not None:
        kwargs.update(
            authenticator=authenticator,
            auth_required=True,
            auth_require_tls=False,
        )
        if args.auth_mechanism is not None:
            others = {"PLAIN", "LOGIN"} - {args.auth_mechanism.upper()}
            kwargs["auth_exclude_mechanism"] = sorted(others)

    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    handler = Handler()
    server = loop.run_until_complete(
        loop.create_server(lambda: CountingSMTP(handler, loop=loop, **kwargs), "127.0.0.1", 0)
    )
    port = server.sockets[0].getsockname()[1]
    save_stats()
    write_atomic(args.port_file, ("%d\n" % port).encode())
    # Orphaned (the test died without stopping us): exit instead of lingering.
    parent = os.getppid()

    def watch_parent():
        if os.getppid() != parent:
            loop.stop()
        else:
            loop.call_later(0.5, watch_parent)

    loop.call_later(0.5, watch_parent)
    loop.add_signal_handler(signal.SIGTERM, loop.stop)
    loop.add_signal_handler(signal.SIGINT, loop.stop)
    try:
        loop.run_forever()
    finally:
        server.close()
        loop.close()
    return 0


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--parse", metavar="FILE")
    ap.add_argument("--port-file")
    ap.add_argument("--dir")
    ap.add_argument("--auth-user")
    ap.add_argument("--auth-password", default="")
    ap.add_argument("--auth-mechanism", choices=["PLAIN", "LOGIN", "plain", "login"])
    ap.add_argument("--fail-first", type=int, default=0)
    ap.add_argument("--reject-all", action="store_true")
    args = ap.parse_args()
    if args.parse is not None:
        return parse(args.parse)
    if args.port_file is None or args.dir is None:
        ap.error("--port-file and --dir are required to serve")
    return serve(args)


if __name__ == "__main__":
    sys.exit(main())
