# Vigil's AWS pieces for one environment: the KMS keys, the log archive (with its optional replica), the services'
# IRSA role and the alarms. Each environment under envs/ is one call of this module with its own settings.

data "aws_caller_identity" "current" {}

locals {
  account_id = data.aws_caller_identity.current.account_id
}

module "kms" {
  source = "../kms-key"

  name                    = "${var.name_prefix}-logs"
  description             = "Vigil ${var.environment}: log archive and alarm topic"
  deletion_window_in_days = var.key_deletion_window_in_days
  key_admin_arns          = var.key_admin_arns
  via_services            = ["s3", "sns"]
  allow_cloudwatch_alarms = true
}

module "kms_replica" {
  source = "../kms-key"
  count  = var.replication_enabled ? 1 : 0

  providers = {
    aws = aws.replica
  }

  name                    = "${var.name_prefix}-logs-replica"
  description             = "Vigil ${var.environment}: log archive replica"
  deletion_window_in_days = var.key_deletion_window_in_days
  key_admin_arns          = var.key_admin_arns
  via_services            = ["s3"]
}

module "log_archive" {
  source = "../log-archive"

  providers = {
    aws         = aws
    aws.replica = aws.replica
  }

  bucket_name                        = "${var.name_prefix}-log-archive-${local.account_id}"
  kms_key_arn                        = module.kms.key_arn
  intelligent_tiering_after_days     = var.intelligent_tiering_after_days
  expiration_days                    = var.expiration_days
  noncurrent_version_expiration_days = var.noncurrent_version_expiration_days
  object_lock_enabled                = var.object_lock_enabled
  object_lock_mode                   = var.object_lock_mode
  object_lock_retention_days         = var.object_lock_retention_days
  replication_enabled                = var.replication_enabled
  replica_kms_key_arn                = try(module.kms_replica[0].key_arn, null)
  permissions_boundary_arn           = var.permissions_boundary_arn
  force_destroy                      = var.force_destroy
}

module "irsa" {
  source = "../irsa-role"

  name                     = "${var.name_prefix}-log-archive"
  oidc_provider_arn        = var.oidc_provider_arn
  permissions_boundary_arn = var.permissions_boundary_arn
  bucket_arn               = module.log_archive.bucket_arn
  object_key_prefix        = "vigil/"
  kms_key_arn              = module.kms.key_arn
  service_accounts = [
    { namespace = var.kubernetes_namespace, name = "logparse-service" },
  ]
}

module "alarms" {
  source = "../alarms"

  name                     = var.name_prefix
  kms_key_arn              = module.kms.key_arn
  alarm_emails             = var.alarm_emails
  runbook_base_url         = var.runbook_base_url
  eks_cluster_name         = var.eks_cluster_name
  kubernetes_namespace     = var.kubernetes_namespace
  load_balancer_arn_suffix = var.load_balancer_arn_suffix
  target_group_arn_suffix  = var.target_group_arn_suffix
}
