variable "bucket_name" {
  description = "Name of the log-archive bucket (globally unique)."
  type        = string

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", var.bucket_name)) && !strcontains(var.bucket_name, "..")
    error_message = "bucket_name: 3..63 lowercase letters, digits, '.' and '-', starting and ending with a letter or digit."
  }
}

variable "access_log_bucket_name" {
  description = "Name of the separate bucket that receives the archive's S3 server access logs; null for <bucket_name>-access-logs."
  type        = string
  default     = null

  validation {
    condition     = var.access_log_bucket_name == null || can(regex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", coalesce(var.access_log_bucket_name, "unset")))
    error_message = "access_log_bucket_name: null, or 3..63 lowercase letters, digits, '.' and '-'."
  }
}

variable "kms_key_arn" {
  description = "ARN of the KMS key that encrypts the archive (SSE-KMS with an S3 bucket key)."
  type        = string

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/.+$", var.kms_key_arn))
    error_message = "kms_key_arn: a KMS key ARN (arn:aws:kms:<region>:<account>:key/<id>)."
  }
}

variable "intelligent_tiering_after_days" {
  description = "Days after which objects move to S3 Intelligent-Tiering (0 = at once)."
  type        = number
  default     = 0

  validation {
    condition     = var.intelligent_tiering_after_days >= 0 && floor(var.intelligent_tiering_after_days) == var.intelligent_tiering_after_days
    error_message = "intelligent_tiering_after_days: a whole number >= 0."
  }
}

variable "expiration_days" {
  description = "Days after which archived objects expire (current versions)."
  type        = number
  default     = 365

  validation {
    condition     = var.expiration_days >= 1 && floor(var.expiration_days) == var.expiration_days
    error_message = "expiration_days: a whole number >= 1."
  }
}

variable "noncurrent_version_expiration_days" {
  description = "Days after which overwritten or deleted object versions are removed."
  type        = number
  default     = 30

  validation {
    condition     = var.noncurrent_version_expiration_days >= 1
    error_message = "noncurrent_version_expiration_days: >= 1."
  }
}

variable "access_log_expiration_days" {
  description = "Days the S3 server access logs are kept."
  type        = number
  default     = 90

  validation {
    condition     = var.access_log_expiration_days >= 1
    error_message = "access_log_expiration_days: >= 1."
  }
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

  validation {
    condition     = var.object_lock_retention_days >= 1
    error_message = "object_lock_retention_days: >= 1."
  }
}

variable "replication_enabled" {
  description = "Whether objects are replicated to a bucket in another region (provider aws.replica)."
  type        = bool
  default     = false
}

variable "replica_bucket_name" {
  description = "Name of the replica bucket; null for <bucket_name>-replica."
  type        = string
  default     = null
}

variable "replica_kms_key_arn" {
  description = "ARN of the KMS key, in the replica's region, that encrypts the replica; required when replication_enabled."
  type        = string
  default     = null

  validation {
    condition     = var.replica_kms_key_arn == null || can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/.+$", coalesce(var.replica_kms_key_arn, "unset")))
    error_message = "replica_kms_key_arn: null, or a KMS key ARN."
  }
}

variable "permissions_boundary_arn" {
  description = "ARN of the IAM policy that bounds the replication role's permissions."
  type        = string

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:iam::([0-9]{12}|aws):policy/.+$", var.permissions_boundary_arn))
    error_message = "permissions_boundary_arn: an IAM policy ARN."
  }
}

variable "force_destroy" {
  description = "Whether terraform destroy may delete a bucket that still holds objects (never in production)."
  type        = bool
  default     = false
}

variable "tags" {
  description = "Tags for every resource."
  type        = map(string)
  default     = {}
}
