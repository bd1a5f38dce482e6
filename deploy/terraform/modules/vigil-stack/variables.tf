variable "environment" {
  description = "Name of the environment (dev, prod, ...), used in descriptions."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,15}$", var.environment))
    error_message = "environment: 2..16 lowercase letters, digits and '-', starting with a letter."
  }
}

variable "name_prefix" {
  description = "Prefix of every name (buckets get the account id appended to stay globally unique)."
  type        = string

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
  nullable    = false
}

variable "alarm_emails" {
  description = "E-mail addresses that receive the alarms."
  type        = list(string)
  default     = []
  nullable    = false
}

variable "runbook_base_url" {
  description = "Prefix of the runbook links in alarm descriptions: docs/runbooks or the URL of that folder in your Git host."
  type        = string
  default     = "docs/runbooks"
  nullable    = false
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

# What tells environments apart: how long the archive keeps logs, whether it is locked and replicated, and how
# carefully its keys and bucket are deleted.

variable "key_deletion_window_in_days" {
  description = "Days between scheduling a KMS key's deletion and its deletion (7..30)."
  type        = number
  default     = 30

  validation {
    condition     = var.key_deletion_window_in_days >= 7 && var.key_deletion_window_in_days <= 30
    error_message = "key_deletion_window_in_days: 7..30."
  }
}

variable "intelligent_tiering_after_days" {
  description = "Days after which archived objects move to S3 Intelligent-Tiering (0 = at once)."
  type        = number
  default     = 0
}

variable "expiration_days" {
  description = "Days after which archived objects expire (current versions)."
  type        = number
  default     = 365
}

variable "noncurrent_version_expiration_days" {
  description = "Days after which overwritten or deleted object versions are removed."
  type        = number
  default     = 30
}

variable "object_lock_enabled" {
  description = "Whether the archive is a WORM store (S3 Object Lock): only settable when the bucket is created."
  type        = bool
  default     = false
}

variable "object_lock_mode" {
  description = "Default retention mode of Object Lock: GOVERNANCE (privileged users may shorten it) or COMPLIANCE (nobody may)."
  type        = string
  default     = "GOVERNANCE"

  validation {
    condition     = contains(["GOVERNANCE", "COMPLIANCE"], var.object_lock_mode)
    error_message = "object_lock_mode: one of GOVERNANCE, COMPLIANCE."
  }
}

variable "object_lock_retention_days" {
  description = "Default retention of every new object version, in days, when Object Lock is enabled."
  type        = number
  default     = 30
}

variable "replication_enabled" {
  description = "Whether the archive is replicated to a bucket in the region of the aws.replica provider."
  type        = bool
  default     = false
}

variable "force_destroy" {
  description = "Whether terraform destroy may delete buckets that still hold objects (never in production)."
  type        = bool
  default     = false
}
