# A customer-managed KMS key with yearly rotation and a least-privilege key policy: administrators manage
# it but cannot use it; principals of this account use it only through the listed AWS services (and only
# when their own IAM policies allow it); CloudWatch may publish alarms to topics encrypted with it.

data "aws_caller_identity" "current" {}
data "aws_region" "current" {}
data "aws_partition" "current" {}

locals {
  account_id = data.aws_caller_identity.current.account_id
  via_services = [
    for service in var.via_services : "${service}.${data.aws_region.current.name}.amazonaws.com"
  ]
}

data "aws_iam_policy_document" "this" {
  statement {
    sid       = "KeyAdministration"
    effect    = "Allow"
    resources = ["*"] # in a key policy, "*" is this key
    actions = [
      "kms:CancelKeyDeletion",
      "kms:CreateAlias",
      "kms:DeleteAlias",
      "kms:DescribeKey",
      "kms:DisableKey",
      "kms:DisableKeyRotation",
      "kms:EnableKey",
      "kms:EnableKeyRotation",
      "kms:GetKeyPolicy",
      "kms:GetKeyRotationStatus",
      "kms:ListAliases",
      "kms:ListGrants",
      "kms:ListKeyPolicies",
      "kms:ListResourceTags",
      "kms:PutKeyPolicy",
      "kms:RevokeGrant",
      "kms:ScheduleKeyDeletion",
      "kms:TagResource",
      "kms:UntagResource",
      "kms:UpdateAlias",
      "kms:UpdateKeyDescription",
    ]

    principals {
      type        = "AWS"
      identifiers = var.key_admin_arns
    }
  }

  dynamic "statement" {
    for_each = length(local.via_services) > 0 ? [1] : []

    content {
      sid       = "UseThroughAwsServices"
      effect    = "Allow"
      resources = ["*"]
      actions = [
        "kms:Decrypt",
        "kms:DescribeKey",
        "kms:Encrypt",
        "kms:GenerateDataKey",
      ]

      principals {
        type        = "AWS"
        identifiers = ["arn:${data.aws_partition.current.partition}:iam::${local.account_id}:root"]
      }

      condition {
        test     = "StringEquals"
        variable = "kms:ViaService"
        values   = local.via_services
      }

      condition {
        test     = "StringEquals"
        variable = "kms:CallerAccount"
        values   = [local.account_id]
      }
    }
  }

  dynamic "statement" {
    for_each = var.allow_cloudwatch_alarms ? [1] : []

    content {
      sid       = "CloudWatchAlarmsToEncryptedTopics"
      effect    = "Allow"
      resources = ["*"]
      actions = [
        "kms:Decrypt",
        "kms:GenerateDataKey",
      ]

      principals {
        type        = "Service"
        identifiers = ["cloudwatch.amazonaws.com"]
      }

      condition {
        test     = "StringEquals"
        variable = "aws:SourceAccount"
        values   = [local.account_id]
      }
    }
  }
}

resource "aws_kms_key" "this" {
  description             = var.description
  key_usage               = "ENCRYPT_DECRYPT"
  deletion_window_in_days = var.deletion_window_in_days
  enable_key_rotation     = true
  is_enabled              = true
  multi_region            = false
  policy                  = data.aws_iam_policy_document.this.json
  tags                    = var.tags
}

resource "aws_kms_alias" "this" {
  name          = "alias/${var.name}"
  target_key_id = aws_kms_key.this.key_id
}
