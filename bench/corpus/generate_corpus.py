#!/usr/bin/env python3
"""Deterministic benchmark corpus of ECS task definitions.

Writes the same N task definitions in three forms:
  <out>/api/td-NNNNNN.json        RegisterTaskDefinition API JSON, one per file
  <out>/cloudformation/td-NNNNNN.json   a CloudFormation template holding that task definition
  <out>/stream.ndjson             the API form again, one document per line
and <out>/manifest.tsv (index, family, sizes) for the runner.

Documents are realistic and varied: 1-6 containers, 0-30 environment variables, secrets, log
configuration, volumes, ports, health checks, Linux parameters; each API document is 2-10 KB.
A small, fixed share of them carries the misconfigurations the policy pack looks for, so every
rule has something to pass and something to fail. Same --seed and --count: byte-identical output
on every machine (the generator uses its own PRNG per document and never the clock).
"""

import argparse
import json
import os
import random
import sys

MIN_BYTES = 2 * 1024
MAX_BYTES = 10 * 1024

TEAMS = ["payments", "search", "identity", "catalog", "ledger", "media", "growth", "platform",
         "risk", "notify", "orders", "inventory", "reporting", "gateway", "ml"]
SERVICES = ["api", "worker", "consumer", "scheduler", "frontend", "indexer", "exporter", "sync",
            "batch", "webhook", "cron", "proxy", "reconciler", "renderer"]
REGIONS = ["us-east-1", "eu-west-1", "eu-central-1", "ap-southeast-2", "us-west-2"]
ENVIRONMENTS = ["production", "staging", "dev", "qa"]

# Ordinary configuration: what most environment variables in real task definitions look like.
PLAIN_ENV = [
    ("LOG_LEVEL", ["info", "debug", "warn", "error"]),
    ("NODE_ENV", ["production", "development"]),
    ("PORT", ["8080", "3000", "9000", "80"]),
    ("AWS_REGION", REGIONS),
    ("AWS_DEFAULT_REGION", REGIONS),
    ("JAVA_OPTS", ["-Xms256m -Xmx512m -XX:+UseG1GC", "-Xmx1g -Dfile.encoding=UTF-8"]),
    ("TZ", ["UTC", "Europe/Berlin"]),
    ("FEATURE_FLAGS", ["checkout_v2,search_boost", "none", "beta_ui"]),
    ("DB_HOST", ["db.internal.example.com", "orders-db.cluster-abc123.eu-west-1.rds.amazonaws.com"]),
    ("DB_PORT", ["5432", "3306"]),
    ("DB_NAME", ["orders", "catalog", "users"]),
    ("REDIS_URL", ["redis://cache.internal:6379/0", "rediss://redis.example.com:6380"]),
    ("QUEUE_URL", ["https://sqs.eu-west-1.amazonaws.com/123456789012/orders-events"]),
    ("S3_BUCKET", ["acme-artifacts-prod", "acme-uploads", "media-thumbnails"]),
    ("OTEL_EXPORTER_OTLP_ENDPOINT", ["http://localhost:4317"]),
    ("OTEL_SERVICE_NAME", ["orders-api", "catalog-worker"]),
    ("DD_ENV", ENVIRONMENTS),
    ("DD_SERVICE", ["orders", "search"]),
    ("HTTP_TIMEOUT_MS", ["5000", "30000"]),
    ("MAX_CONNECTIONS", ["50", "200", "1000"]),
    ("WORKER_CONCURRENCY", ["4", "8", "16"]),
    ("CACHE_TTL_SECONDS", ["60", "300", "3600"]),
    ("UPSTREAM_BASE_URL", ["https://api.partner.example.net/v2", "http://inventory.local:8080"]),
    ("SENTRY_ENVIRONMENT", ENVIRONMENTS),
    ("GUNICORN_WORKERS", ["2", "4"]),
    ("SPRING_PROFILES_ACTIVE", ["prod", "staging", "default"]),
    ("RAILS_ENV", ["production"]),
    ("PYTHONUNBUFFERED", ["1"]),
    ("METRICS_NAMESPACE", ["Acme/Orders", "Acme/Search"]),
    ("ALLOWED_ORIGINS", ["https://www.example.com,https://admin.example.com"]),
    ("BATCH_SIZE", ["100", "500"]),
    ("RETRY_LIMIT", ["3", "5"]),
    ("KAFKA_BROKERS", ["b-1.msk.example:9092,b-2.msk.example:9092"]),
    ("ELASTICSEARCH_URL", ["https://search-logs.eu-west-1.es.amazonaws.com"]),
    ("GRPC_PORT", ["50051"]),
]
# Credential-looking names with placeholder or real-looking values (AWS documentation examples,
# never live credentials).
RISKY_ENV = [
    ("DB_PASSWORD", ["changeme", "s3cr3t-Passw0rd!", "${DB_PASSWORD}", ""]),
    ("API_TOKEN", ["xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx", "<token>"]),
    ("AWS_ACCESS_KEY_ID", ["AKIAIOSFODNN7EXAMPLE"]),
    ("AWS_SECRET_ACCESS_KEY", ["wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"]),
    ("aws_session_token", ["FwoGZXIvYXdzEXAMPLETOKEN"]),
    ("GITHUB_TOKEN", ["ghp_1234567890abcdefghijklmnopqrstuvwxyzAB"]),
    ("STRIPE_SECRET_KEY", ["sk_live_51Hxxxxxxxxxxxxxxxxxxxxxxxxxx"]),
    ("DATABASE_URL", ["postgres://app:hunter2@db.internal:5432/app", "postgres://db.internal/app"]),
]
LOG_DRIVERS = ["awslogs", "awslogs", "awslogs", "awslogs", "awsfirelens", "fluentd", "splunk",
               "json-file", "none", ""]
IMAGES = [
    "{account}.dkr.ecr.{region}.amazonaws.com/{team}/{service}:{tag}",
    "{account}.dkr.ecr.{region}.amazonaws.com/{team}-{service}@sha256:{digest}",
    "public.ecr.aws/nginx/nginx:1.25",
    "docker.io/library/redis:7-alpine",
    "ghcr.io/acme/{service}:{tag}",
    "amazon/aws-xray-daemon:latest",
    "public.ecr.aws/aws-observability/aws-otel-collector:v0.35.0",
    "public.ecr.aws/aws-observability/aws-for-fluent-bit:stable",
    "datadog/agent:7",
]
USERS = [None, None, None, None, "1000", "1000", "1000:1000", "nginx", "app", "65534", "root", "0",
         "0:0", "root:root"]
CAPS = ["NET_BIND_SERVICE", "NET_ADMIN", "SYS_PTRACE", "SYS_ADMIN", "CHOWN", "ALL", "CAP_SYS_TIME"]
HOST_PATHS = ["/var/log/app", "/ecs/data", "/var/run/docker.sock", "/proc", "/etc", "/opt/cache",
              "/mnt/efs-cache", "/"]


def pick_weighted(rng, choices):
    total = sum(w for _, w in choices)
    x = rng.uniform(0, total)
    for value, weight in choices:
        x -= weight
        if x <= 0:
            return value
    return choices[-1][0]


def chance(rng, p):
    return rng.random() < p


class Builder:
    """Builds one task definition in the RegisterTaskDefinition API shape."""

    def __init__(self, index, seed):
        self.index = index
        self.rng = random.Random(f"taskguard-bench:{seed}:{index}")
        rng = self.rng
        self.account = f"{rng.randrange(10**11, 10**12):012d}"
        self.region = rng.choice(REGIONS)
        self.team = rng.choice(TEAMS)
        self.service = rng.choice(SERVICES)
        self.environment = rng.choice(ENVIRONMENTS)

    def arn(self, kind, name):
        if kind == "role":
            return f"arn:aws:iam::{self.account}:role/{name}"
        if kind == "secret":
            return (f"arn:aws:secretsmanager:{self.region}:{self.account}:secret:"
                    f"{name}-{self.rng.choice(['AbCdEf', 'x1Y2z3', 'QwErTy'])}")
        if kind == "ssm":
            return f"arn:aws:ssm:{self.region}:{self.account}:parameter/{name}"
        raise ValueError(kind)

    def image(self):
        template = self.rng.choice(IMAGES)
        return template.format(account=self.account, region=self.region, team=self.team,
                               service=self.service,
                               tag=f"v{self.rng.randrange(1, 40)}.{self.rng.randrange(0, 20)}",
                               digest="%064x" % self.rng.getrandbits(256))

    def environment_vars(self, count):
        rng = self.rng
        names = set()
        out = []
        for _ in range(count):
            pool = RISKY_ENV if chance(rng, 0.04) else PLAIN_ENV
            name, values = rng.choice(pool)
            if name in names:
                name = f"{name}_{len(names)}"
            names.add(name)
            out.append({"name": name, "value": rng.choice(values)})
        return out

    def secrets(self, count):
        rng = self.rng
        out = []
        for k in range(count):
            name = rng.choice(["DB_PASSWORD", "API_KEY", "JWT_SIGNING_KEY", "DATADOG_API_KEY",
                               "OAUTH_CLIENT_SECRET", "REDIS_AUTH"]) + ("" if k == 0 else f"_{k}")
            form = rng.random()
            if form < 0.55:
                value_from = self.arn("secret", f"{self.team}/{self.service}/{name.lower()}")
            elif form < 0.85:
                value_from = self.arn("ssm", f"{self.team}/{self.service}/{name.lower()}")
            elif form < 0.97:
                value_from = f"/{self.team}/{self.service}/{name.lower()}"
            else:
                value_from = "not-an-arn secret"
            out.append({"name": name, "valueFrom": value_from})
        return out

    def log_configuration(self, container_name):
        rng = self.rng
        driver = rng.choice(LOG_DRIVERS)
        config = {"logDriver": driver}
        if driver == "awslogs":
            config["options"] = {
                "awslogs-group": f"/ecs/{self.team}/{self.service}",
                "awslogs-region": self.region,
                "awslogs-stream-prefix": container_name,
            }
            if chance(rng, 0.3):
                config["options"]["awslogs-create-group"] = "true"
            if chance(rng, 0.2):
                config["options"]["mode"] = "non-blocking"
                config["options"]["max-buffer-size"] = "25m"
        elif driver == "awsfirelens":
            config["options"] = {"Name": "cloudwatch_logs", "region": self.region,
                                 "log_group_name": f"/firelens/{self.service}",
                                 "auto_create_group": "true"}
        elif driver == "splunk":
            config["options"] = {"splunk-url": "https://splunk.example.com:8088",
                                 "splunk-source": self.service}
            if chance(rng, 0.5):
                config["options"]["splunk-token"] = "00000000-1111-2222-3333-444444444444"
            else:
                config["secretOptions"] = [{"name": "splunk-token",
                                            "valueFrom": self.arn("secret", "splunk/token")}]
        elif driver == "fluentd":
            config["options"] = {"fluentd-address": "localhost:24224", "tag": self.service}
        elif driver == "json-file":
            config["options"] = {"max-size": "10m", "max-file": "3"}
        return config

    def container(self, position, volumes, network_mode):
        rng = self.rng
        name = self.service if position == 0 else rng.choice(
            ["envoy", "xray-daemon", "log-router", "datadog-agent", "otel-collector", "migrations",
             "nginx", "cloudsql-proxy", "statsd"]) + f"-{position}"
        c = {"name": name, "image": self.image(), "essential": position == 0 or chance(rng, 0.3)}
        if chance(rng, 0.7):
            c["cpu"] = rng.choice([0, 64, 128, 256, 512, 1024])
        if chance(rng, 0.8):
            c["memory"] = rng.choice([128, 256, 512, 1024, 2048])
        if chance(rng, 0.4):
            c["memoryReservation"] = rng.choice([64, 128, 256])
        if chance(rng, 0.75):
            port = rng.choice([80, 443, 3000, 8080, 8443, 9000, 50051])
            mapping = {"containerPort": port, "protocol": "tcp"}
            if network_mode in ("awsvpc", "host"):
                mapping["hostPort"] = port
            elif chance(rng, 0.5):
                mapping["hostPort"] = 0
            if chance(rng, 0.4):
                mapping["name"] = f"{name}-{port}"
                mapping["appProtocol"] = rng.choice(["http", "http2", "grpc"])
            c["portMappings"] = [mapping]
        env_count = rng.choice([0, 0, 2, 4, 6, 8, 10, 12, 15, 18, 22, 26, 30])
        if env_count:
            c["environment"] = self.environment_vars(env_count)
        if chance(rng, 0.55):
            c["secrets"] = self.secrets(rng.randrange(1, 6))
        if chance(rng, 0.88):
            c["logConfiguration"] = self.log_configuration(name)
        user = rng.choice(USERS)
        if user is not None:
            c["user"] = user
        privileged = pick_weighted(rng, [(None, 75), (False, 20), (True, 5)])
        if privileged is not None:
            c["privileged"] = privileged
        readonly = pick_weighted(rng, [(None, 40), (True, 45), (False, 15)])
        if readonly is not None:
            c["readonlyRootFilesystem"] = readonly
        if chance(rng, 0.5):
            c["healthCheck"] = {
                "command": ["CMD-SHELL", f"curl -fsS http://localhost:{rng.choice([80, 8080])}/health || exit 1"],
                "interval": 30, "timeout": 5, "retries": 3, "startPeriod": rng.choice([0, 10, 60])}
        if chance(rng, 0.45):
            c["command"] = rng.choice([["node", "dist/server.js"], ["./bin/worker", "--queue", "default"],
                                       ["gunicorn", "app:app", "-b", "0.0.0.0:8080"],
                                       ["sh", "-c", "exec java $JAVA_OPTS -jar /app/app.jar"]])
        if chance(rng, 0.15):
            c["entryPoint"] = ["/usr/bin/dumb-init", "--"]
        if chance(rng, 0.3):
            caps = {"drop": ["ALL"]}
            if chance(rng, 0.4):
                caps["add"] = rng.sample(CAPS, rng.randrange(1, 3))
            c["linuxParameters"] = {"capabilities": caps, "initProcessEnabled": chance(rng, 0.5)}
        if chance(rng, 0.35):
            c["dockerLabels"] = {"com.example.team": self.team, "com.example.service": self.service,
                                 "com.datadoghq.ad.check_names": '["nginx"]'}
        if chance(rng, 0.2):
            c["ulimits"] = [{"name": "nofile", "softLimit": 65536, "hardLimit": 65536}]
        if chance(rng, 0.05):
            c["dockerSecurityOptions"] = [rng.choice(["no-new-privileges:true", "seccomp:unconfined",
                                                      "apparmor:unconfined"])]
        if chance(rng, 0.04):
            c["interactive"] = True
            c["pseudoTerminal"] = True
        if volumes and chance(rng, 0.6):
            c["mountPoints"] = [{"sourceVolume": v["name"], "containerPath": f"/mnt/{v['name']}",
                                 "readOnly": chance(rng, 0.5)}
                                for v in rng.sample(volumes, rng.randrange(1, len(volumes) + 1))]
        if position > 0 and chance(rng, 0.3):
            c["dependsOn"] = [{"containerName": self.service, "condition": "START"}]
        return c

    def volumes(self):
        rng = self.rng
        out = []
        for k in range(pick_weighted(rng, [(0, 45), (1, 30), (2, 15), (3, 10)])):
            kind = pick_weighted(rng, [("host", 45), ("efs", 30), ("docker", 15), ("bind", 10)])
            v = {"name": f"{kind}-vol-{k}"}
            if kind == "host":
                v["host"] = {"sourcePath": rng.choice(HOST_PATHS)}
            elif kind == "efs":
                efs = {"fileSystemId": f"fs-{rng.getrandbits(32):08x}", "rootDirectory": "/"}
                if chance(rng, 0.65):
                    efs["transitEncryption"] = "ENABLED"
                    if chance(rng, 0.6):
                        efs["authorizationConfig"] = {"accessPointId": f"fsap-{rng.getrandbits(64):016x}",
                                                      "iam": rng.choice(["ENABLED", "DISABLED"])}
                v["efsVolumeConfiguration"] = efs
            elif kind == "docker":
                v["dockerVolumeConfiguration"] = {"scope": "shared", "autoprovision": True,
                                                  "driver": "local",
                                                  "driverOpts": {"type": "tmpfs", "device": "tmpfs"}}
            out.append(v)
        return out

    def build(self):
        rng = self.rng
        compat = pick_weighted(rng, [("FARGATE", 50), ("EC2", 35), ("EXTERNAL", 5), (None, 10)])
        if compat == "FARGATE":
            network_mode = "awsvpc"
        else:
            network_mode = pick_weighted(rng, [("awsvpc", 35), ("bridge", 25), ("host", 15),
                                               (None, 20), ("none", 5)])
        td = {"family": f"{self.team}-{self.service}-{self.index:06d}"}
        role = f"{self.team}-{self.service}-task"
        if chance(rng, 0.85):
            td["taskRoleArn"] = self.arn("role", rng.choice([role, role, role, "AdminRole"]))
        if chance(rng, 0.85):
            td["executionRoleArn"] = (td.get("taskRoleArn") if chance(rng, 0.08) and "taskRoleArn" in td
                                      else self.arn("role", "ecsTaskExecutionRole"))
        if network_mode is not None:
            td["networkMode"] = network_mode
        if compat is not None:
            td["requiresCompatibilities"] = [compat]
        if compat == "FARGATE" or chance(rng, 0.3):
            td["cpu"] = rng.choice(["256", "512", "1024", "2048"])
            td["memory"] = rng.choice(["512", "1024", "2048", "4096"])
        if chance(rng, 0.05) and compat != "FARGATE":
            td["pidMode"] = "host"
        elif chance(rng, 0.1):
            td["pidMode"] = "task"
        if chance(rng, 0.03) and compat != "FARGATE":
            td["ipcMode"] = "host"
        if chance(rng, 0.25):
            windows = chance(rng, 0.1)
            td["runtimePlatform"] = {
                "operatingSystemFamily": "WINDOWS_SERVER_2019_CORE" if windows else "LINUX",
                "cpuArchitecture": "X86_64" if windows else rng.choice(["X86_64", "ARM64"])}
        volumes = self.volumes()
        count = pick_weighted(rng, [(1, 35), (2, 30), (3, 15), (4, 10), (5, 6), (6, 4)])
        td["containerDefinitions"] = [self.container(k, volumes, network_mode) for k in range(count)]
        if volumes:
            td["volumes"] = volumes
        tags = []
        if chance(rng, 0.7):
            tags.append({"key": "owner", "value": f"{self.team}@example.com"})
        if chance(rng, 0.8):
            tags.append({"key": "environment", "value": self.environment})
        if chance(rng, 0.4):
            tags.append({"key": "cost-center", "value": f"cc-{rng.randrange(1000, 9999)}"})
        if tags:
            td["tags"] = tags
        return self.fit(td)

    def fit(self, td):
        """Grows or trims the document until its JSON is 2-10 KB, like real definitions."""
        containers = td["containerDefinitions"]
        while size_of(td) < MIN_BYTES:
            c = self.rng.choice(containers)
            c.setdefault("environment", []).extend(self.environment_vars(3))
        while size_of(td) > MAX_BYTES:
            biggest = max(containers, key=lambda c: len(json.dumps(c)))
            if biggest.get("environment"):
                biggest["environment"].pop()
                if not biggest["environment"]:
                    del biggest["environment"]
            elif len(containers) > 1:
                containers.remove(biggest)
            else:
                break
        return td


def size_of(document):
    return len(json.dumps(document, indent=2)) + 1  # as written: with the final newline


# CloudFormation spells most properties as the API name with a capital first letter; these are the
# exceptions. Values of map-typed properties are user data and keep their keys.
CFN_NAMES = {"efsVolumeConfiguration": "EFSVolumeConfiguration", "fileSystemId": "FilesystemId",
             "iam": "IAM", "tags": "Tags", "key": "Key", "value": "Value"}
MAP_PROPERTIES = {"options", "dockerLabels", "driverOpts", "labels"}


def to_cloudformation(value, key=None):
    if isinstance(value, dict):
        if key in MAP_PROPERTIES:
            return dict(value)
        return {CFN_NAMES.get(k, k[:1].upper() + k[1:]): to_cloudformation(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [to_cloudformation(v, None) for v in value]
    return value


def cloudformation_template(td):
    properties = to_cloudformation(td)
    return {
        "AWSTemplateFormatVersion": "2010-09-09",
        "Description": f"Task definition for {td['family']}",
        "Resources": {"TaskDefinition": {"Type": "AWS::ECS::TaskDefinition", "Properties": properties}},
        "Outputs": {"TaskDefinitionArn": {"Value": {"Ref": "TaskDefinition"}}},
    }


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=2000, help="number of task definitions")
    parser.add_argument("--seed", type=int, default=1, help="corpus seed (same seed: same bytes)")
    parser.add_argument("--out", required=True, help="output folder (created)")
    parser.add_argument("--stream-only", action="store_true",
                        help="write only stream.ndjson (for large streaming runs)")
    args = parser.parse_args(argv)

    os.makedirs(args.out, exist_ok=True)
    if not args.stream_only:
        os.makedirs(os.path.join(args.out, "api"), exist_ok=True)
        os.makedirs(os.path.join(args.out, "cloudformation"), exist_ok=True)
    api_bytes = 0
    with open(os.path.join(args.out, "stream.ndjson"), "w", encoding="utf-8") as stream, \
            open(os.path.join(args.out, "manifest.tsv"), "w", encoding="utf-8") as manifest:
        manifest.write("index\tfamily\tcontainers\tapi_bytes\n")
        for i in range(args.count):
            td = Builder(i, args.seed).build()
            stream.write(json.dumps(td, separators=(",", ":")) + "\n")
            if args.stream_only:
                continue
            name = f"td-{i:06d}.json"
            text = json.dumps(td, indent=2) + "\n"
            api_bytes += len(text)
            with open(os.path.join(args.out, "api", name), "w", encoding="utf-8") as f:
                f.write(text)
            with open(os.path.join(args.out, "cloudformation", name), "w", encoding="utf-8") as f:
                f.write(json.dumps(cloudformation_template(td), indent=2) + "\n")
            manifest.write(f"{i}\t{td['family']}\t{len(td['containerDefinitions'])}\t{len(text)}\n")
    if not args.stream_only:
        print(f"wrote {args.count} task definitions ({api_bytes / args.count / 1024:.1f} KB average) "
              f"to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
