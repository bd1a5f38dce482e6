# Vigil's AWS pieces for prod: the KMS keys, the log archive, the services' IRSA role and the alarms.

data "aws_caller_identity" "current" {}

locals {
  environment = "prod"
  account_id  = data.aws_caller_identity.current.account_id
  tags = {
    Project     = "vigil"
    Environment = local.environment
    ManagedBy   = "terraform"
  }
  # What differs between environments: prod keeps a year, replicates to a second region and locks
  # every object version for 90 days (GOVERNANCE: privileged users may still shorten it).
  settings = {
    key_deletion_window_in_days        = 30
    intelligent_tiering_after_days     = 0
    expiration_days                    = 365
    noncurrent_version_expiration_days = 90
    object_lock_enabled                = true
    object_lock_mode                   = "GOVERNANCE"
    object_lock_retention_days         = 90
    replication_enabled                = true
    force_destroy                      = false
  }
}

module "kms" {
  source = "../../modules/kms-key"

  name                    = "${var.name_prefix}-logs"
  description             = "Vigil ${local.environment}: log archive and alarm topic"
  deletion_window_in_days = local.settings.key_deletion_window_in_days
  key_admin_arns          = var.key_admin_arns
  via_services            = ["s3", "sns"]
  allow_cloudwatch_alarms = true
}

module "kms_replica" {
  source = "../../modules/kms-key"
  count  = local.settings.replication_enabled ? 1 : 0

  providers = {
    aws = aws.replica
  }

  name                    = "${var.name_prefix}-logs-replica"
  description             = "Vigil ${local.environment}: log archive replica"
  deletion_window_in_days = local.settings.key_deletion_window_in_days
  key_admin_arns          = var.key_admin_arns
  via_services            = ["s3"]
}

module "log_archive" {
  source = "../../modules/log-archive"

  providers = {
    aws         = aws
    aws.replica = aws.replica
  }

  bucket_name                        = "${var.name_prefix}-log-archive-${local.account_id}"
  kms_key_arn                        = module.kms.key_arn
  intelligent_tiering_after_days     = local.settings.intelligent_tiering_after_days
  expiration_days                    = local.settings.expiration_days
  noncurrent_version_expiration_days = local.settings.noncurrent_version_expiration_days
  object_lock_enabled                = local.settings.object_lock_enabled
  object_lock_mode                   = local.settings.object_lock_mode
  object_lock_retention_days         = local.settings.object_lock_retention_days
  replication_enabled                = local.settings.replication_enabled
  replica_kms_key_arn                = try(module.kms_replica[0].key_arn, null)
  permissions_boundary_arn           = var.permissions_boundary_arn
  force_destroy                      = local.settings.force_destroy
}

module "irsa" {
  source = "../../modules/irsa-role"

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
  source = "../../modules/alarms"

  name                     = var.name_prefix
  kms_key_arn              = module.kms.key_arn
  alarm_emails             = var.alarm_emails
  runbook_base_url         = var.runbook_base_url
  eks_cluster_name         = var.eks_cluster_name
  kubernetes_namespace     = var.kubernetes_namespace
  load_balancer_arn_suffix = var.load_balancer_arn_suffix
  target_group_arn_suffix  = var.target_group_arn_suffix
}
