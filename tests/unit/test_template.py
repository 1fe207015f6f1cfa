"""template.yaml, checked offline: cfn-lint is clean, the SAM transform succeeds, and the
properties the deployment promises (encryption, point-in-time recovery, on-demand, TTL,
scoped policies, the skill-id binding, arm64, timeouts) cannot silently regress."""

from __future__ import annotations

import copy
import importlib
import json
from pathlib import Path
from typing import Any

import pytest

from voicecart.adapters import dynamodb

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE = ROOT / "template.yaml"
SECRET_PARAMETERS = (
    "parameter/voicecart/${Stage}/secret-key",
    "parameter/voicecart/${Stage}/google-webhook-secret",
)
BASIC_EXECUTION_ROLE = "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"


def _load() -> dict[str, Any]:
    from samtranslator.yaml_helper import yaml_parse

    doc: dict[str, Any] = yaml_parse(TEMPLATE.read_text("utf-8"))
    return doc


@pytest.fixture(scope="module")
def template() -> dict[str, Any]:
    return _load()


@pytest.fixture(scope="module")
def transformed() -> dict[str, Any]:
    """The template after the SAM transform, as CloudFormation would receive it."""
    from samtranslator.translator.managed_policy_translator import ManagedPolicyLoader
    from samtranslator.translator.transform import transform

    class OfflinePolicies(ManagedPolicyLoader):
        def __init__(self) -> None:  # no IAM client: the one managed policy SAM adds
            pass

        def load(self) -> dict[str, str]:
            return {"AWSLambdaBasicExecutionRole": BASIC_EXECUTION_ROLE}

    doc = copy.deepcopy(_load())
    doc["Globals"]["Function"]["CodeUri"] = "s3://packaged/voicecart.zip"  # as `sam package`
    with pytest.MonkeyPatch.context() as env:
        env.setenv("AWS_DEFAULT_REGION", "us-east-1")
        result: dict[str, Any] = transform(doc, {}, OfflinePolicies())
    return result


def resources(doc: dict[str, Any], kind: str) -> dict[str, dict[str, Any]]:
    return {name: r for name, r in doc["Resources"].items() if r["Type"] == kind}


def test_cfn_lint_is_clean() -> None:
    from cfnlint.api import ManualArgs, lint_file

    matches = lint_file(TEMPLATE, ManualArgs(include_checks=["I"], regions=["us-east-1"]))
    assert [str(m) for m in matches] == []


def test_the_sam_transform_succeeds(transformed: dict[str, Any]) -> None:
    assert "Transform" not in transformed
    kinds = {r["Type"] for r in transformed["Resources"].values()}
    assert {
        "AWS::Lambda::Function",
        "AWS::IAM::Role",
        "AWS::Lambda::Permission",
        "AWS::ApiGatewayV2::Api",
        "AWS::DynamoDB::Table",
        "AWS::SNS::Topic",
    } <= kinds


def test_parameters(template: dict[str, Any]) -> None:
    assert {"SkillId", "Stage", "LogLevel", "CancelWindowMinutes"} <= set(template["Parameters"])


class TestTables:
    def test_on_demand_with_recovery_and_encryption(self, template: dict[str, Any]) -> None:
        tables = resources(template, "AWS::DynamoDB::Table")
        assert set(tables) == {"DataTable", "CatalogTable"}
        for table in tables.values():
            props = table["Properties"]
            assert props["BillingMode"] == "PAY_PER_REQUEST"
            assert props["PointInTimeRecoverySpecification"]["PointInTimeRecoveryEnabled"] is True
            assert props["SSESpecification"]["SSEEnabled"] is True
            assert "ProvisionedThroughput" not in props

    def test_data_that_expires_has_ttl(self, template: dict[str, Any]) -> None:
        ttl = template["Resources"]["DataTable"]["Properties"]["TimeToLiveSpecification"]
        assert ttl == {"AttributeName": dynamodb.TTL_ATTRIBUTE, "Enabled": True}

    @pytest.mark.parametrize(
        ("name", "keys"),
        [("DataTable", dynamodb.DATA_KEYS), ("CatalogTable", dynamodb.CATALOG_KEYS)],
    )
    def test_keys_are_what_the_adapter_uses(
        self, template: dict[str, Any], name: str, keys: dict[str, Any]
    ) -> None:
        props = template["Resources"][name]["Properties"]
        for field, value in keys.items():
            assert props[field] == value


class TestFunctions:
    def test_runtime_architecture_and_handlers(self, transformed: dict[str, Any]) -> None:
        functions = resources(transformed, "AWS::Lambda::Function")
        assert set(functions) == {"SkillFunction", "WebFunction"}
        entry = importlib.import_module("voicecart.lambda_function")
        for function in functions.values():
            props = function["Properties"]
            assert props["Runtime"] in ("python3.12", "python3.13")
            assert props["Architectures"] == ["arm64"]
            module, _, name = props["Handler"].rpartition(".")
            assert module == "voicecart.lambda_function" and callable(getattr(entry, name))

    def test_timeouts_respect_alexa_and_the_http_api(self, transformed: dict[str, Any]) -> None:
        functions = resources(transformed, "AWS::Lambda::Function")
        assert functions["SkillFunction"]["Properties"]["Handler"].endswith(".alexa_handler")
        assert functions["SkillFunction"]["Properties"]["Timeout"] <= 8
        assert functions["WebFunction"]["Properties"]["Timeout"] <= 29

    def test_only_our_skill_may_invoke_the_skill_function(
        self, transformed: dict[str, Any]
    ) -> None:
        alexa = [
            p["Properties"]
            for p in resources(transformed, "AWS::Lambda::Permission").values()
            if p["Properties"]["Principal"] == "alexa-appkit.amazon.com"
        ]
        assert alexa == [
            {
                "Action": "lambda:InvokeFunction",
                "FunctionName": {"Ref": "SkillFunction"},
                "Principal": "alexa-appkit.amazon.com",
                "EventSourceToken": {"Ref": "SkillId"},
            }
        ]

    def test_the_web_function_serves_the_http_api(self, template: dict[str, Any]) -> None:
        events = template["Resources"]["WebFunction"]["Properties"]["Events"]
        assert {e["Type"] for e in events.values()} == {"HttpApi"}
        assert {e["Properties"]["Path"] for e in events.values()} == {"/", "/{proxy+}"}
        requirements = (ROOT / "lambda" / "requirements.txt").read_text("utf-8")
        assert "apig-wsgi==" in requirements

    def test_logs_go_to_groups_with_retention(self, template: dict[str, Any]) -> None:
        groups = resources(template, "AWS::Logs::LogGroup")
        assert groups and all("RetentionInDays" in g["Properties"] for g in groups.values())
        for name in ("SkillFunction", "WebFunction"):
            target = template["Resources"][name]["Properties"]["LoggingConfig"]["LogGroup"]
            assert target["Ref"] in groups


class TestLeastPrivilege:
    def statements(self, transformed: dict[str, Any]) -> list[dict[str, Any]]:
        found = []
        for role in resources(transformed, "AWS::IAM::Role").values():
            for policy in role["Properties"].get("Policies", []):
                found += policy["PolicyDocument"]["Statement"]
        return found

    def test_no_wildcard_resources_for_data_topic_or_secret(
        self, transformed: dict[str, Any]
    ) -> None:
        statements = self.statements(transformed)
        assert statements
        for statement in statements:
            actions = (
                statement["Action"]
                if isinstance(statement["Action"], list)
                else [statement["Action"]]
            )
            text = json.dumps(statement["Resource"])
            assert statement["Resource"] != "*" and '"*"' not in text, statement
            services = {a.split(":")[0] for a in actions}
            assert "*" not in {a.split(":")[1] for a in actions}
            if "dynamodb" in services:
                assert '"DataTable"' in text or '"CatalogTable"' in text
            if "sns" in services:
                assert '"ParentTopic"' in text
            if "s3" in services:
                assert '"CatalogBucket"' in text
            if "ssm" in services:
                assert actions == ["ssm:GetParameters"] and SECRET_PARAMETERS[0] in text
                named = text.count("parameter/")
                assert named == sum(p in text for p in SECRET_PARAMETERS), text

    def test_writes_only_to_the_data_table(self, transformed: dict[str, Any]) -> None:
        for statement in self.statements(transformed):
            actions = (
                statement["Action"]
                if isinstance(statement["Action"], list)
                else [statement["Action"]]
            )
            if any(a in ("dynamodb:PutItem", "dynamodb:UpdateItem") for a in actions):
                assert '"CatalogTable"' not in json.dumps(statement["Resource"])


class TestSecretsAndStorage:
    def test_secrets_are_named_never_given(self, template: dict[str, Any]) -> None:
        text = TEMPLATE.read_text("utf-8")
        assert "{{resolve:" not in text
        shared = template["Globals"]["Function"]["Environment"]["Variables"]
        web = template["Resources"]["WebFunction"]["Properties"]["Environment"]["Variables"]
        for env in (shared, web):
            assert "VOICECART_SECRET_KEY" not in env and "VOICECART_GOOGLE_SECRET" not in env
        assert shared["VOICECART_SECRET_KEY_PARAMETER"] == {
            "Fn::Sub": "/voicecart/${Stage}/secret-key"
        }
        assert web["VOICECART_GOOGLE_SECRET_PARAMETER"] == {
            "Fn::Sub": "/voicecart/${Stage}/google-webhook-secret"
        }

    def test_bucket_and_topic_are_encrypted_and_private(self, template: dict[str, Any]) -> None:
        bucket = template["Resources"]["CatalogBucket"]["Properties"]
        assert bucket["BucketEncryption"]["ServerSideEncryptionConfiguration"]
        assert all(bucket["PublicAccessBlockConfiguration"].values())
        topic = template["Resources"]["ParentTopic"]["Properties"]
        assert topic["KmsMasterKeyId"] == "alias/aws/sns"

    def test_the_functions_know_where_everything_is(self, template: dict[str, Any]) -> None:
        env = template["Globals"]["Function"]["Environment"]["Variables"]
        assert env["VOICECART_STORE"] == "dynamodb"
        assert env["VOICECART_TABLE"] == {"Ref": "DataTable"}
        assert env["VOICECART_CATALOG_TABLE"] == {"Ref": "CatalogTable"}
        assert env["VOICECART_CATALOG_BUCKET"] == {"Ref": "CatalogBucket"}
        assert env["VOICECART_SNS_TOPIC_ARN"] == {"Ref": "ParentTopic"}
        assert template["Globals"]["Function"]["CodeUri"] == "lambda/"

    def test_outputs(self, template: dict[str, Any]) -> None:
        assert {
            "SkillFunctionArn",
            "WebEndpoint",
            "GoogleWebhookUrl",
            "ParentPageUrl",
            "DataTableName",
            "CatalogTableName",
            "CatalogBucketName",
            "ParentTopicArn",
        } <= set(template["Outputs"])
