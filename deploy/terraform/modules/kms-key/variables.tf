variable "name" {
  description = "Name of the key; its alias is alias/<name>."
  type        = string

  validation {
    condition     = can(regex("^[a-zA-Z0-9/_-]{1,200}$", var.name)) && !startswith(var.name, "aws/")
    error_message = "name: letters, digits, '/', '_' and '-' (1..200 characters), not starting with 'aws/'."
  }
}

variable "description" {
  description = "What the key protects, shown in the KMS console."
  type        = string
}

variable "deletion_window_in_days" {
  description = "Days between scheduling the key's deletion and its deletion (7..30)."
  type        = number
  default     = 30

  validation {
    condition     = var.deletion_window_in_days >= 7 && var.deletion_window_in_days <= 30
    error_message = "deletion_window_in_days: 7..30."
  }
}

variable "key_admin_arns" {
  description = "IAM principals (roles or users) that administer the key: policy, rotation, aliases, deletion. They cannot use it to encrypt or decrypt."
  type        = list(string)

  validation {
    condition     = length(var.key_admin_arns) > 0 && alltrue([for arn in var.key_admin_arns : can(regex("^arn:aws[a-z-]*:iam::[0-9]{12}:(role|user)/.+$", arn))])
    error_message = "key_admin_arns: at least one IAM role or user ARN (arn:aws:iam::<account>:role/<name>)."
  }
}

variable "via_services" {
  description = "AWS services through which IAM principals of this account may use the key (their own IAM policies must allow it too)."
  type        = list(string)
  default     = ["s3", "sns"]

  validation {
    condition     = alltrue([for service in var.via_services : contains(["s3", "sns"], service)])
    error_message = "via_services: each one of \"s3\", \"sns\"."
  }
}

variable "allow_cloudwatch_alarms" {
  description = "Whether CloudWatch alarms may publish to SNS topics encrypted with this key."
  type        = bool
  default     = false
}

variable "tags" {
  description = "Tags for the key."
  type        = map(string)
  default     = {}
}
