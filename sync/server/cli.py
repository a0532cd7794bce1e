"""Provides `facilitator-server`: serve, migrate, openapi and admin subcommands.

Admin errors are one line on stderr; tokens are printed once and never taken as arguments.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path

import sqlalchemy as sa

from sync.server import admin
from sync.server.settings import DB_ENV, default_database_url


def _engine(args: argparse.Namespace) -> sa.Engine:
    """Return a migrated engine for the database the user chose."""
    from sync.server.db import make_engine, migrate

    engine = make_engine(args.db or default_database_url())
    migrate(engine)
    return engine


def _serve(args: argparse.Namespace) -> int:
    """Migrate once, then run uvicorn workers that build the app from the environment."""
    import uvicorn

    from sync.server.accesslog import log_config
    from sync.server.asgi import BURST_ENV, RATE_ENV, RELEASE_ENV

    url = args.db or default_database_url()
    if args.workers < 1:
        raise ValueError("--workers must be at least 1")
    if args.workers > 1 and url.startswith("sqlite"):
        raise ValueError(
            "SQLite serves from one process; use --workers 1, or a PostgreSQL --db for more"
        )
    _engine(argparse.Namespace(db=url)).dispose()
    os.environ[DB_ENV] = url
    os.environ[RATE_ENV] = str(args.rate_per_second)
    os.environ[BURST_ENV] = str(args.rate_burst)
    os.environ[RELEASE_ENV] = (
        "off" if args.release_every_days == "off" else str(float(args.release_every_days) * 86400)
    )
    uvicorn.run(
        "sync.server.asgi:app_from_environment",
        factory=True,
        host=args.host,
        port=args.port,
        workers=args.workers,
        server_header=False,
        access_log=not args.no_access_log,
        log_config=log_config(),
        log_level=args.log_level,
    )
    return 0


def _migrate(args: argparse.Namespace) -> int:
    """Bring the database to the newest schema."""
    _engine(args).dispose()
    print("database is up to date")
    return 0


def _openapi(_args: argparse.Namespace) -> int:
    """Print the OpenAPI spec exactly as committed in sync/server/openapi.json."""
    from sync.server.openapi import spec_text

    sys.stdout.write(spec_text())
    return 0


def _tags(value: str) -> list[str] | None:
    """Parse `--allowed-tags`: a comma list, or `all` for no restriction."""
    if value == "all":
        return None
    return [t.strip() for t in value.split(",") if t.strip()]


def _epsilon(value: str) -> float | None:
    """Parse `--dp-epsilon`: a number, or `off`."""
    return None if value == "off" else float(value)


def _admin(args: argparse.Namespace) -> int:
    """Run one admin action and print its result."""
    engine = _engine(args)
    try:
        if args.action == "network-create":
            admin.create_network(engine, args.name)
            print(f"created network {args.name}")
        elif args.action == "network-show":
            shown = admin.describe_network(engine, args.name)
            print(json.dumps(shown, indent=2))
            if "warning" in shown:
                print(shown["warning"], file=sys.stderr)
        elif args.action == "release":
            info = admin.release(engine, args.name)
            noise = "no noise" if info.epsilon is None else f"epsilon {info.epsilon:g}"
            print(f"release {info.number} of {args.name} on {info.released_on} ({noise})")
        elif args.action == "network-policy":
            kwargs: dict[str, object] = {
                "min_sessions": args.min_sessions,
                "min_organisations": args.min_organisations,
            }
            if args.allowed_tags is not None:
                kwargs["allowed_tags"] = _tags(args.allowed_tags)
            if args.dp_epsilon is not None:
                kwargs["dp_epsilon"] = _epsilon(args.dp_epsilon)
            admin.set_policy(engine, args.name, **kwargs)  # type: ignore[arg-type]
            print(json.dumps(admin.describe_network(engine, args.name), indent=2))
        elif args.action == "template-register":
            shape = admin.register_template(engine, args.network, Path(args.file))
            dims = ", ".join(shape.dimensions) or "no dimensions"
            print(f"registered {shape.id} version {shape.version} in {args.network} ({dims})")
        elif args.action == "org-create":
            admin.create_organisation(engine, args.network, args.name)
            print(f"created organisation {args.name} in {args.network}")
        elif args.action == "token-issue":
            token = admin.issue_token(engine, args.network, args.organisation, args.label)
            print("This token is shown once; store it now. The server keeps only its hash.")
            print(token)
        elif args.action == "token-list":
            for t in admin.list_tokens(engine, args.network):
                state = "revoked" if t.revoked else "active"
                created = t.created_at.strftime("%Y-%m-%d")
                print(f"{t.id}\t{t.network}\t{t.organisation}\t{state}\t{created}\t{t.label}")
        elif args.action == "token-revoke":
            admin.revoke_token(engine, args.token_id)
            print(f"revoked token {args.token_id}")
    finally:
        engine.dispose()
    return 0


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser of every subcommand."""
    parser = argparse.ArgumentParser(prog="facilitator-server", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    db_help = "database URL (default: SQLite file in the server's data directory)"

    serve = sub.add_parser("serve", help="run the HTTP API")
    serve.add_argument("--db", help=db_help)
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8765)
    serve.add_argument(
        "--workers",
        type=int,
        default=1,
        help="worker processes (default 1); more than one needs PostgreSQL",
    )
    serve.add_argument("--rate-per-second", type=float, default=10.0)
    serve.add_argument("--rate-burst", type=int, default=60)
    serve.add_argument(
        "--release-every-days",
        default="7",
        help="publish a release of each network this often (default 7), or 'off'",
    )
    serve.add_argument("--no-access-log", action="store_true")
    serve.add_argument("--log-level", default="info")
    serve.set_defaults(func=_serve)

    migrate = sub.add_parser("migrate", help="bring the database schema up to date")
    migrate.add_argument("--db", help=db_help)
    migrate.set_defaults(func=_migrate)

    sub.add_parser("openapi", help="print the OpenAPI spec").set_defaults(func=_openapi)

    adm = sub.add_parser("admin", help="manage networks, organisations and tokens")
    adm.add_argument("--db", help=db_help)
    actions = adm.add_subparsers(dest="action", required=True)
    p = actions.add_parser("network-create", help="create a network")
    p.add_argument("name")
    p = actions.add_parser("network-show", help="show a network's policy and organisations")
    p.add_argument("name")
    p = actions.add_parser("release", help="publish a new release of a network's figures now")
    p.add_argument("name")
    p = actions.add_parser("network-policy", help="set a network's publication policy")
    p.add_argument("name")
    p.add_argument("--min-sessions", type=int, help="minimum sessions per cell (default 5)")
    p.add_argument("--min-organisations", type=int, help="minimum organisations per cell (3)")
    p.add_argument("--allowed-tags", help="comma-separated tags, or 'all'")
    p.add_argument(
        "--dp-epsilon",
        help="privacy budget per release (default 1.0), or 'off' (members can then single out "
        "sessions)",
    )
    p = actions.add_parser(
        "template-register",
        help="accept a custom template's summaries (its ids, rounds and scales; never texts)",
    )
    p.add_argument("network")
    p.add_argument("file", help="the template's TOML file")
    p = actions.add_parser("org-create", help="create an organisation in a network")
    p.add_argument("network")
    p.add_argument("name")
    p = actions.add_parser("token-issue", help="issue a token (printed once)")
    p.add_argument("network")
    p.add_argument("organisation")
    p.add_argument("--label", default="")
    p = actions.add_parser("token-list", help="list tokens (never their secrets)")
    p.add_argument("--network")
    p = actions.add_parser("token-revoke", help="revoke a token by id")
    p.add_argument("token_id", type=int)
    adm.set_defaults(func=_admin)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; errors are one line on stderr and a non-zero exit code."""
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args))
    except admin.AdminError as exc:
        print(f"error: {exc}", file=sys.stderr)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
    except sa.exc.SQLAlchemyError as exc:
        print(f"error: database problem ({type(exc).__name__})", file=sys.stderr)
    except OSError as exc:
        print(f"error: {exc.strerror or type(exc).__name__}", file=sys.stderr)
    except KeyboardInterrupt:
        return 130
    return 1
