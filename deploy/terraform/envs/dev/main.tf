# Vigil's AWS pieces for dev: one call of the composition (modules/vigil-stack). Dev keeps little, can be torn
# down, and has no replica or lock. Account-specific inputs come from terraform.tfvars.

locals {
  environment = "dev"
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

  key_deletion_window_in_days        = 7
  intelligent_tiering_after_days     = 0
  expiration_days                    = 30
  noncurrent_version_expiration_days = 7
  object_lock_enabled                = false
  replication_enabled                = false
  force_destroy                      = true

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
