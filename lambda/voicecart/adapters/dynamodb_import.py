"""`voicecart catalog import FILE --dynamodb CATALOG_TABLE [--bucket BUCKET]`: load a catalog
into the DynamoDB catalog table and publish the search artifact to S3.

1. The whole file is parsed and checked first; a bad line writes nothing.
2. Products are written with a batch writer (25 to a request, unprocessed items retried),
   under a progress bar. Each item keeps a hash of its content, and products whose stored
   hash is the same are skipped: an interrupted import is finished by running it again, and
   re-importing an unchanged catalog writes nothing.
3. The catalog table, now complete, is read once and published as one gzip JSON object to
   S3 (`--bucket`, default VOICECART_CATALOG_BUCKET; key `--key`). Lambda containers load
   it once when they start and build the search index from it, so no turn scans a table.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..domain.catalog import Product, parse_products
from ..domain.errors import StoreError, ValidationError
from . import serialization as ser
from .dynamodb import CatalogArtifact, artifact_bytes, product_attributes


@dataclass(frozen=True)
class ImportReport:
    checked: int
    written: int
    unchanged: int
    total: int
    artifact: str | None

    def to_dict(self) -> dict[str, object]:
        return {
            "checked": self.checked,
            "written": self.written,
            "unchanged": self.unchanged,
            "total": self.total,
            "artifact": self.artifact,
        }


def read_products(path: Path, fmt: str | None = None) -> list[Product]:
    fmt = fmt or path.suffix.lstrip(".").lower()
    try:
        text = path.read_text("utf-8")
    except OSError as exc:
        raise ValidationError(f"cannot read {path}: {exc.strerror}") from exc
    return [product for _, product in parse_products(text, fmt)]


class CatalogImport:
    """Writes products to one catalog table and publishes the artifact; clients injectable."""

    def __init__(
        self,
        table: str,
        *,
        artifact: CatalogArtifact | None = None,
        resource: Any = None,
        s3_client: Any = None,
        region_name: str | None = None,
        endpoint_url: str | None = None,
    ) -> None:
        self.table_name = table
        self.artifact = artifact
        self.region_name = region_name
        self.endpoint_url = endpoint_url
        self._resource = resource
        self._s3 = s3_client

    @property
    def resource(self) -> Any:
        if self._resource is None:
            import boto3

            self._resource = boto3.session.Session(region_name=self.region_name).resource(
                "dynamodb", endpoint_url=self.endpoint_url
            )
        return self._resource

    @property
    def s3(self) -> Any:
        if self._s3 is None:
            import boto3

            self._s3 = boto3.session.Session(region_name=self.region_name).client("s3")
        return self._s3

    def _scan(self, projection: str) -> list[dict[str, Any]]:
        table = self.resource.Table(self.table_name)
        params: dict[str, Any] = {"ProjectionExpression": projection}
        items: list[dict[str, Any]] = []
        while True:
            page = table.scan(**params)
            items.extend(page.get("Items", []))
            if not page.get("LastEvaluatedKey"):
                return items
            params["ExclusiveStartKey"] = page["LastEvaluatedKey"]

    def run(self, products: list[Product], progress: bool = False) -> ImportReport:
        from botocore.exceptions import BotoCoreError, ClientError
        from tqdm import tqdm

        try:
            stored = {
                str(item["sku"]): str(item.get("content_hash", ""))
                for item in self._scan("sku, content_hash")
            }
            latest = {p.sku: product_attributes(p) for p in products}
            todo = [
                attrs for sku, attrs in latest.items() if stored.get(sku) != attrs["content_hash"]
            ]
            table = self.resource.Table(self.table_name)
            with (
                tqdm(
                    total=len(todo), desc="writing", unit=" products", disable=not progress
                ) as bar,
                table.batch_writer(overwrite_by_pkeys=["sku"]) as batch,
            ):
                for attrs in todo:
                    batch.put_item(Item=attrs)
                    bar.update()
            catalog = [ser.product_from(json.loads(str(item["doc"]))) for item in self._scan("doc")]
            where = self.publish(catalog) if self.artifact is not None else None
        except (BotoCoreError, ClientError) as exc:
            raise StoreError(f"the DynamoDB import failed: {exc}") from exc
        return ImportReport(len(products), len(todo), len(latest) - len(todo), len(catalog), where)

    def publish(self, catalog: list[Product]) -> str:
        assert self.artifact is not None
        self.s3.put_object(
            Bucket=self.artifact.bucket,
            Key=self.artifact.key,
            Body=artifact_bytes(catalog),
            ContentType="application/gzip",
        )
        return f"s3://{self.artifact.bucket}/{self.artifact.key}"


# ---- the command line ----------------------------------------------------------------------
def cmd_import(services: Any, args: argparse.Namespace) -> int:
    import os

    products = read_products(Path(args.file), args.format)
    bucket = args.bucket or os.environ.get("VOICECART_CATALOG_BUCKET", "")
    artifact = CatalogArtifact(bucket, args.key) if bucket else None
    job = CatalogImport(
        args.dynamodb, artifact=artifact, region_name=args.region, endpoint_url=args.endpoint_url
    )
    report = job.run(products, progress=not args.json and sys.stderr.isatty())
    if args.json:
        print(json.dumps(report.to_dict(), indent=2))
    else:
        published = (
            f" Published the search index to {report.artifact}."
            if report.artifact
            else " No --bucket: the functions will scan the table once per container."
        )
        print(
            f"Checked {report.checked} products: wrote {report.written}, "
            f"{report.unchanged} unchanged. {args.dynamodb} now has {report.total}." + published
        )
    return 0


def _import_parser(sub: Any) -> argparse.ArgumentParser | None:
    catalog = sub.choices.get("catalog")
    if catalog is None:
        return None
    for action in catalog._actions:  # argparse keeps a group's subcommands here
        if isinstance(action, argparse._SubParsersAction) and "import" in action.choices:
            parser: argparse.ArgumentParser = action.choices["import"]
            return parser
    return None


def register(sub: Any, add: Callable[..., argparse.ArgumentParser]) -> None:
    """Give `voicecart catalog import` its DynamoDB options (`add` is unused: the command
    exists; this only extends it)."""
    parser = _import_parser(sub)
    if parser is None:
        return
    group = parser.add_argument_group("AWS (instead of the SQLite file)")
    group.add_argument(
        "--dynamodb",
        metavar="CATALOG_TABLE",
        help="write to this DynamoDB catalog table (the stack's CatalogTableName)",
    )
    group.add_argument(
        "--bucket",
        help="publish the search index to this S3 bucket (default: VOICECART_CATALOG_BUCKET)",
    )
    group.add_argument(
        "--key",
        default=CatalogArtifact.key,
        help=f"object key of the search index (default: {CatalogArtifact.key})",
    )
    group.add_argument("--region", help="AWS region (default: your AWS configuration)")
    group.add_argument("--endpoint-url", help="a DynamoDB-compatible endpoint, e.g. for tests")
    local = parser.get_default("handler")

    def handler(services: Any, args: argparse.Namespace) -> int:
        if args.dynamodb:
            return cmd_import(services, args)
        return int(local(services, args))

    parser.set_defaults(handler=handler)
