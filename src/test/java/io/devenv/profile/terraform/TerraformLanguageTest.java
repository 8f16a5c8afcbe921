package io.devenv.profile.terraform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.devenv.profile.QueueSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The part of Terraform's language devenv evaluates, and the message for each part it does not. */
class TerraformLanguageTest {

  @TempDir
  Path dir;

  private List<String> queueNames(String hcl) {
    return Tf.read(dir, hcl).queues().stream().map(QueueSpec::name).toList();
  }

  @Test
  @DisplayName("variables: the default, then terraform.tfvars, *.auto.tfvars, varFiles, and the profile's vars win")
  void variablePrecedence() {
    Tf.write(dir, "main.tf", """
        variable "a" {
          default = "default"
        }
        variable "b" {
          default = "default"
        }
        variable "c" {
          default = "default"
        }
        variable "d" {
          default = "default"
        }
        variable "e" {
          type = string
        }
        resource "aws_sqs_queue" "q" {
          name = "${var.a}-${var.b}-${var.c}-${var.d}-${var.e}"
        }
        """);
    Tf.write(dir, "terraform.tfvars", "b = \"tfvars\"\nc = \"tfvars\"\nd = \"tfvars\"\ne = \"tfvars\"\n");
    Tf.write(dir, "x.auto.tfvars", "c = \"auto\"\nd = \"auto\"\ne = \"auto\"\n");
    Path extra = Tf.write(dir, "local.tfvars", "d = \"file\"\ne = \"file\"\n");

    var r = Tf.read(dir, Map.of("e", "profile"), List.of(extra));

    assertThat(r.queues().get(0).name()).isEqualTo("default-tfvars-auto-file-profile");
  }

  @Test
  @DisplayName("a variable with no value anywhere, or a value for an undeclared one, is an error")
  void variableErrors() {
    assertThatThrownBy(() -> Tf.read(dir, "variable \"x\" {\n  type = string\n}\n"))
        .isInstanceOfSatisfying(TerraformException.class, e -> {
          assertThat(e.origin().line()).isEqualTo(1);
          assertThat(e.getMessage()).isEqualTo("variable \"x\" has no value: give it a default, or a value in the profile's"
              + " vars or a .tfvars file");
        });
    assertThatThrownBy(() -> Tf.read(dir, Map.of("nope", 1), List.of()))
        .hasMessageContaining("a value is given for \"nope\" but").hasMessageContaining("declares no variable \"nope\"");
  }

  @Test
  @DisplayName("locals, string templates, heredocs, numbers and the profile's numbers read as Terraform reads them")
  void localsAndTemplates() {
    var r = Tf.read(dir, """
        variable "n" {
          default = 2
        }
        locals {
          prefix = "vod-${var.n * 3}"
          names  = ["a", "b"]
          tags   = { team = "x" }
        }
        resource "aws_ssm_parameter" "p" {
          name  = "/${local.prefix}/${local.names[1]}/${local.tags.team}"
          value = <<EOT
        n=${var.n}
        EOT
        }
        """);
    assertThat(r.parameters().get(0).name()).isEqualTo("/vod-6/b/x");
    assertThat(r.parameters().get(0).value()).isEqualTo("n=2\n");
  }

  @Test
  @DisplayName("operators and the conditional: ! && || == != < <= > >= + - * / % and ?:")
  void operators() {
    assertThat(queueNames("""
        locals {
          on = !false && (1 < 2 || false)
          n  = (7 - 1) / 2 + 10 % 4 * 1
        }
        resource "aws_sqs_queue" "q" {
          name = local.on && local.n == 5 && 2 >= 2 && 1 <= 1 && 3 > 2 && "a" != "b" ? "yes-${local.n}" : "no"
        }
        """)).containsExactly("yes-5");
  }

  @Test
  @DisplayName("functions: format, lower, upper, join, replace, concat, merge, lookup, length, coalesce, try, tostring, tonumber, toset")
  void functions() {
    assertThat(queueNames("""
        locals {
          m = merge({ a = "1" }, { b = "2" })
        }
        resource "aws_sqs_queue" "q" {
          for_each = toset(concat(["x"], ["x", "y"]))
          name = join("-", [format("%s%d", lower("Q"), 7), upper(each.key), replace("a.b", ".", "_"), lookup(local.m, "b", "0"),
            tostring(length(local.m)), coalesce("", "c"), try(local.missing, "t"), tostring(tonumber("3") + 1), trimspace(" s ")])
        }
        """)).containsExactly("q7-X-a_b-2-2-c-t-4-s", "q7-Y-a_b-2-2-c-t-4-s");
  }

  @Test
  @DisplayName("count and count.index, for_each over a map with each.key and each.value, and indexed references")
  void countAndForEach() {
    var r = Tf.read(dir, """
        resource "aws_sqs_queue" "dlq" {
          count = 2
          name  = "dlq-${count.index}"
        }
        resource "aws_sqs_queue" "q" {
          for_each                   = { fast = 5, slow = 60 }
          name                       = each.key
          visibility_timeout_seconds = each.value
          redrive_policy = jsonencode({
            deadLetterTargetArn = aws_sqs_queue.dlq[each.key == "fast" ? 0 : 1].arn
            maxReceiveCount     = 3
          })
        }
        resource "aws_sns_topic" "t" {
          name = "t-${aws_sqs_queue.q["slow"].name}"
        }
        """);
    assertThat(r.queues()).extracting(q -> q.name() + " " + q.visibilityTimeout() + " " + (q.deadLetter() == null ? "-"
        : q.deadLetter().queue())).containsExactly("dlq-0 null -", "dlq-1 null -", "fast 5 dlq-0", "slow 60 dlq-1");
    assertThat(r.topics().get(0).name()).isEqualTo("t-slow");
  }

  @Test
  @DisplayName("references give AWS's computed attributes: arn, url and id of a queue, a bucket's id, a table's name")
  void computedAttributes() {
    var r = Tf.read(dir, """
        resource "aws_sqs_queue" "q" {
          name = "jobs"
        }
        resource "aws_s3_bucket" "b" {
          bucket = "media"
        }
        resource "aws_dynamodb_table" "t" {
          name     = "titles"
          hash_key = "id"
          attribute {
            name = "id"
            type = "S"
          }
        }
        resource "aws_ssm_parameter" "p" {
          name  = "/refs"
          value = join(" ", [aws_sqs_queue.q.arn, aws_sqs_queue.q.url, aws_sqs_queue.q.id, aws_s3_bucket.b.id, aws_s3_bucket.b.arn, aws_dynamodb_table.t.name])
        }
        """);
    assertThat(r.parameters().get(0).value()).isEqualTo("arn:aws:sqs:eu-west-3:000000000000:jobs"
        + " https://sqs.eu-west-3.amazonaws.com/000000000000/jobs https://sqs.eu-west-3.amazonaws.com/000000000000/jobs"
        + " media arn:aws:s3:::media titles");
  }

  @Test
  @DisplayName("a local module: its variables from the module block, its resources and its outputs")
  void localModule() {
    Tf.write(dir, "modules/q/main.tf", """
        variable "name" {
          type = string
        }
        resource "aws_sqs_queue" "this" {
          name = var.name
        }
        output "arn" {
          value = aws_sqs_queue.this.arn
        }
        """);
    var r = Tf.read(dir, """
        module "jobs" {
          source = "./modules/q"
          name   = "jobs"
        }
        resource "aws_sns_topic" "t" {
          name = "from-${replace(module.jobs.arn, ":", "_")}"
        }
        """);
    assertThat(r.queues()).extracting(QueueSpec::name).containsExactly("jobs");
    assertThat(r.topics().get(0).name()).isEqualTo("from-arn_aws_sqs_eu-west-3_000000000000_jobs");
    assertThat(r.queues().get(0).origin().file()).as("the module's file").isEqualTo(dir.resolve("modules/q/main.tf"));
  }

  @Test
  @DisplayName("other resource types, data sources and remote modules are listed as not emulated, with file and line")
  void notEmulated() {
    var r = Tf.read(dir, """
        resource "aws_iam_role" "worker" {
          name = "worker"
        }

        data "aws_caller_identity" "me" {}

        module "vpc" {
          source  = "terraform-aws-modules/vpc/aws"
          version = "5.0.0"
        }
        resource "aws_lambda_function" "f" {
          count         = 2
          function_name = "f${count.index}"
          role          = aws_iam_role.worker.arn
        }
        """);
    assertThat(r.notEmulated()).extracting(NotEmulated::toString).containsExactly(
        "data.aws_caller_identity.me (main.tf:5)", "module.vpc (source terraform-aws-modules/vpc/aws) (main.tf:7)",
        "aws_iam_role.worker (main.tf:1)", "aws_lambda_function.f[0] (main.tf:11)", "aws_lambda_function.f[1] (main.tf:11)");
  }

  @Test
  @DisplayName("an argument devenv reads that depends on a resource it does not emulate is an error naming both")
  void dependsOnNotEmulated() {
    assertThatThrownBy(() -> Tf.read(dir, """
        resource "aws_iam_role" "r" {
          name = "r"
        }
        resource "aws_sqs_queue" "q" {
          name = "q-${aws_iam_role.r.arn}"
        }
        """)).isInstanceOfSatisfying(TerraformException.class, e -> {
          assertThat(e.origin().line()).isEqualTo(5);
          assertThat(e.getMessage()).isEqualTo("aws_sqs_queue.q.name depends on aws_iam_role.r.arn (aws_iam_role is not"
              + " emulated), which devenv cannot know");
        });
  }

  @Test
  @DisplayName("each unsupported construct has its own message at its line: for, splat, unknown function, dynamic, computed count")
  void unsupportedConstructs() {
    assertThat(error("locals {\n  x = [for s in [\"a\"] : s]\n}\nresource \"aws_sqs_queue\" \"q\" {\n  name = local.x[0]\n}\n"))
        .isEqualTo("main.tf:2: for expressions are not supported by devenv; write the list or map out, or use count or for_each");
    assertThat(error("variable \"l\" {\n  default = []\n}\nresource \"aws_sqs_queue\" \"q\" {\n  name = var.l[*].id\n}\n"))
        .isEqualTo("main.tf:5: splat expressions ([*]) are not supported by devenv; refer to each instance by its index");
    assertThat(error("resource \"aws_sqs_queue\" \"q\" {\n  name = sha1(\"x\")\n}\n"))
        .startsWith("main.tf:2: the function sha1() is not supported by devenv (supported: jsonencode, ");
    assertThat(error("resource \"aws_s3_bucket\" \"b\" {\n  bucket = \"b\"\n}\nresource \"aws_s3_bucket_cors_configuration\" \"c\" {\n"
        + "  bucket = \"b\"\n  dynamic \"cors_rule\" {\n    for_each = []\n  }\n}\n"))
        .isEqualTo("main.tf:6: dynamic \"cors_rule\" blocks are not supported by devenv; write each cors_rule block out");
    assertThat(error("resource \"aws_iam_role\" \"r\" {\n  name = \"r\"\n}\nresource \"aws_sqs_queue\" \"q\" {\n"
        + "  count = length(aws_iam_role.r.arn)\n  name = \"q\"\n}\n"))
        .startsWith("main.tf:5: count must be known before anything is created; it depends on aws_iam_role.r.arn");
    assertThat(error("resource \"aws_sqs_queue\" \"q\" {\n  name = var.nope\n}\n"))
        .startsWith("main.tf:2: var.nope: no variable \"nope\" is declared in");
    assertThat(error("resource \"aws_sqs_queue\" \"q\" {\n  name_prefix = \"jobs-\"\n}\n"))
        .isEqualTo("main.tf:1: aws_sqs_queue.q: name is required by devenv");
  }

  private String error(String hcl) {
    try {
      Tf.read(dir, hcl);
    } catch (TerraformException e) {
      return e.origin().file().getFileName() + ":" + e.origin().line() + ": " + e.getMessage();
    }
    throw new AssertionError("no error for:\n" + hcl);
  }
}
