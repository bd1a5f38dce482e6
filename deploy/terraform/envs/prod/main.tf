# Vigil's AWS pieces for prod: one call of the composition (modules/vigil-stack). Prod keeps a year, replicates to a
# second region and locks every object version for 90 days (GOVERNANCE: privileged users may still shorten it).
# Account-specific inputs come from terraform.tfvars; state is remote (backend.hcl).

locals {
  environment = "prod"
  tags = {
    Project     = "vigil"
    Environment = local.environment
    ManagedBy   = "terraform"
  }
}

module "vigil" {
  source = "../../modules/vigil-stack"

  providers = {
    aws         = aws
    aws.replica = aws.replica
  }

  environment = local.environment
  name_prefix = var.name_prefix

  key_deletion_window_in_days        = 30
  intelligent_tiering_after_days     = 0
  expiration_days                    = 365
  noncurrent_version_expiration_days = 90
  object_lock_enabled                = true
  object_lock_mode                   = "GOVERNANCE"
  object_lock_retention_days         = 90
  replication_enabled                = true
  force_destroy                      = false

  key_admin_arns           = var.key_admin_arns
  oidc_provider_arn        = var.oidc_provider_arn
  permissions_boundary_arn = var.permissions_boundary_arn
  kubernetes_namespace     = var.kubernetes_namespace
  alarm_emails             = var.alarm_emails
  runbook_base_url         = var.runbook_base_url
  eks_cluster_name         = var.eks_cluster_name
  load_balancer_arn_suffix = var.load_balancer_arn_suffix
  target_group_arn_suffix  = var.target_group_arn_suffix
}
