variable "region" {
  description = "AWS region of the log archive, its key and the alarms."
  type        = string
  default     = "eu-west-1"

  validation {
    condition     = can(regex("^[a-z]{2}(-gov)?-[a-z]+-[0-9]$", var.region))
    error_message = "region: an AWS region name such as eu-west-1."
  }
}

variable "replica_region" {
  description = "AWS region of the log archive's cross-region replica (must differ from region)."
  type        = string
  default     = "eu-central-1"

  validation {
    condition     = can(regex("^[a-z]{2}(-gov)?-[a-z]+-[0-9]$", var.replica_region))
    error_message = "replica_region: an AWS region name such as eu-central-1."
  }
}

variable "name_prefix" {
  description = "Prefix of every name (buckets get the account id appended to stay globally unique)."
  type        = string
  default     = "vigil-dev"

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9-]{1,30}[a-z0-9]$", var.name_prefix))
    error_message = "name_prefix: 3..32 lowercase letters, digits and '-'."
  }
}

variable "key_admin_arns" {
  description = "IAM roles or users that administer the KMS keys (include the role Terraform runs as, or it cannot manage them)."
  type        = list(string)

  validation {
    condition     = length(var.key_admin_arns) > 0
    error_message = "key_admin_arns: at least one ARN."
  }
}

variable "oidc_provider_arn" {
  description = "ARN of the EKS cluster's IAM OIDC provider (IRSA)."
  type        = string
}

variable "permissions_boundary_arn" {
  description = "ARN of the IAM policy every role created here is bounded by."
  type        = string
}

variable "kubernetes_namespace" {
  description = "Namespace the services run in (deploy/k8s sets vigil)."
  type        = string
  default     = "vigil"
}

variable "alarm_emails" {
  description = "E-mail addresses that receive the alarms."
  type        = list(string)
  default     = []
}

variable "runbook_base_url" {
  description = "Prefix of the runbook links in alarm descriptions: docs/runbooks or the URL of that folder in your Git host."
  type        = string
  default     = "docs/runbooks"
}

variable "eks_cluster_name" {
  description = "EKS cluster running Vigil, with Container Insights, for pod alarms; null for none."
  type        = string
  default     = null
}

variable "load_balancer_arn_suffix" {
  description = "ARN suffix (app/<name>/<id>) of the gateway's ALB; null for no load balancer alarms."
  type        = string
  default     = null
}

variable "target_group_arn_suffix" {
  description = "ARN suffix (targetgroup/<name>/<id>) of the gateway's target group."
  type        = string
  default     = null
}
