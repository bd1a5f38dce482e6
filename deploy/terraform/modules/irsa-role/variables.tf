variable "name" {
  description = "Name of the IAM role."
  type        = string

  validation {
    condition     = can(regex("^[a-zA-Z0-9+=,.@_-]{1,64}$", var.name))
    error_message = "name: 1..64 characters of letters, digits and +=,.@_-."
  }
}

variable "oidc_provider_arn" {
  description = "ARN of the EKS cluster's IAM OIDC identity provider (aws_iam_openid_connect_provider), which issues the service account tokens."
  type        = string

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:iam::[0-9]{12}:oidc-provider/.+$", var.oidc_provider_arn))
    error_message = "oidc_provider_arn: arn:aws:iam::<account>:oidc-provider/<issuer host and path>."
  }
}

variable "service_accounts" {
  description = "The Kubernetes service accounts (namespace and name) that may assume the role."
  type = list(object({
    namespace = string
    name      = string
  }))

  validation {
    condition     = length(var.service_accounts) > 0 && alltrue([for sa in var.service_accounts : can(regex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", sa.namespace)) && can(regex("^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$", sa.name))])
    error_message = "service_accounts: at least one {namespace, name}, both Kubernetes names (lowercase letters, digits, '-')."
  }
}

variable "permissions_boundary_arn" {
  description = "ARN of the IAM policy that bounds the role's permissions."
  type        = string

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:iam::([0-9]{12}|aws):policy/.+$", var.permissions_boundary_arn))
    error_message = "permissions_boundary_arn: an IAM policy ARN."
  }
}

variable "bucket_arn" {
  description = "ARN of the log-archive bucket the services write to and read from."
  type        = string

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:s3:::[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", var.bucket_arn))
    error_message = "bucket_arn: arn:aws:s3:::<bucket>."
  }
}

variable "object_key_prefix" {
  description = "Key prefix the services may use in the bucket (e.g. \"vigil/\"); \"\" for the whole bucket."
  type        = string
  default     = "vigil/"

  validation {
    condition     = !startswith(var.object_key_prefix, "/") && !strcontains(var.object_key_prefix, "*")
    error_message = "object_key_prefix: no leading '/' and no '*'."
  }
}

variable "kms_key_arn" {
  description = "ARN of the KMS key that encrypts the bucket."
  type        = string

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/.+$", var.kms_key_arn))
    error_message = "kms_key_arn: a KMS key ARN."
  }
}

variable "max_session_duration" {
  description = "Longest session of the role, in seconds (3600..43200)."
  type        = number
  default     = 3600

  validation {
    condition     = var.max_session_duration >= 3600 && var.max_session_duration <= 43200
    error_message = "max_session_duration: 3600..43200."
  }
}

variable "tags" {
  description = "Tags for the role."
  type        = map(string)
  default     = {}
}
