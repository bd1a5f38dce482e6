# IAM role for the services' Kubernetes service account (IRSA): only tokens of the listed service accounts,
# issued by the cluster's OIDC provider for STS, may assume it; a permission boundary caps it; its policy
# allows only what archiving logs needs, on the archive bucket's prefix and its KMS key.

locals {
  # The issuer without the scheme, as IAM condition keys name it (oidc.eks.<region>.amazonaws.com/id/<id>).
  oidc_issuer = element(split(":oidc-provider/", var.oidc_provider_arn), 1)
  subjects    = [for sa in var.service_accounts : "system:serviceaccount:${sa.namespace}:${sa.name}"]
}

data "aws_iam_policy_document" "assume_role" {
  statement {
    sid     = "ServiceAccountsOfTheCluster"
    effect  = "Allow"
    actions = ["sts:AssumeRoleWithWebIdentity"]

    principals {
      type        = "Federated"
      identifiers = [var.oidc_provider_arn]
    }

    condition {
      test     = "StringEquals"
      variable = "${local.oidc_issuer}:aud"
      values   = ["sts.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "${local.oidc_issuer}:sub"
      values   = local.subjects
    }
  }
}

resource "aws_iam_role" "this" {
  name                 = var.name
  description          = "Vigil services (IRSA): ${join(", ", local.subjects)}"
  assume_role_policy   = data.aws_iam_policy_document.assume_role.json
  permissions_boundary = var.permissions_boundary_arn
  max_session_duration = var.max_session_duration
  tags                 = var.tags
}

data "aws_iam_policy_document" "this" {
  statement {
    sid       = "ListTheArchivePrefix"
    effect    = "Allow"
    actions   = ["s3:ListBucket"]
    resources = [var.bucket_arn]

    condition {
      test     = "StringLike"
      variable = "s3:prefix"
      values   = ["${var.object_key_prefix}*"]
    }
  }

  statement {
    sid    = "ReadAndWriteArchivedLogs"
    effect = "Allow"
    actions = [
      "s3:AbortMultipartUpload",
      "s3:GetObject",
      "s3:PutObject",
    ]
    resources = ["${var.bucket_arn}/${var.object_key_prefix}*"]
  }

  statement {
    sid    = "UseTheArchiveKey"
    effect = "Allow"
    actions = [
      "kms:Decrypt",
      "kms:GenerateDataKey",
    ]
    resources = [var.kms_key_arn]
  }
}

resource "aws_iam_role_policy" "this" {
  name   = "log-archive"
  role   = aws_iam_role.this.id
  policy = data.aws_iam_policy_document.this.json
}
