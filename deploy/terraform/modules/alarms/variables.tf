variable "name" {
  description = "Prefix of the alarm names and name of the SNS topic (e.g. vigil-prod)."
  type        = string

  validation {
    condition     = can(regex("^[a-zA-Z0-9_-]{1,200}$", var.name))
    error_message = "name: letters, digits, '_' and '-' (1..200 characters)."
  }
}

variable "kms_key_arn" {
  description = "ARN of the KMS key that encrypts the SNS topic (its policy must let CloudWatch use it)."
  type        = string

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/.+$", var.kms_key_arn))
    error_message = "kms_key_arn: a KMS key ARN."
  }
}

variable "alarm_emails" {
  description = "E-mail addresses subscribed to the alarm topic (each must confirm its subscription)."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for email in var.alarm_emails : can(regex("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$", email))])
    error_message = "alarm_emails: e-mail addresses."
  }
}

variable "runbook_base_url" {
  description = "Where the runbooks live, prefixed to each alarm's runbook file: the repository path docs/runbooks, or its URL in your Git host."
  type        = string
  default     = "docs/runbooks"

  validation {
    condition     = !endswith(var.runbook_base_url, "/")
    error_message = "runbook_base_url: without a trailing '/'."
  }
}

variable "load_balancer_arn_suffix" {
  description = "ARN suffix (app/<name>/<id>) of the ALB in front of the gateway, as created by the AWS Load Balancer Controller for its Ingress; null for no load balancer alarms."
  type        = string
  default     = null

  validation {
    condition     = var.load_balancer_arn_suffix == null || can(regex("^app/[^/]+/[0-9a-f]+$", coalesce(var.load_balancer_arn_suffix, "unset")))
    error_message = "load_balancer_arn_suffix: null, or app/<name>/<id>."
  }
}

variable "target_group_arn_suffix" {
  description = "ARN suffix (targetgroup/<name>/<id>) of the gateway's target group; required with load_balancer_arn_suffix."
  type        = string
  default     = null

  validation {
    condition     = var.target_group_arn_suffix == null || can(regex("^targetgroup/[^/]+/[0-9a-f]+$", coalesce(var.target_group_arn_suffix, "unset")))
    error_message = "target_group_arn_suffix: null, or targetgroup/<name>/<id>."
  }
}

variable "eks_cluster_name" {
  description = "EKS cluster with Container Insights enabled, for pod restart and memory alarms; null for none."
  type        = string
  default     = null
}

variable "kubernetes_namespace" {
  description = "Namespace the services run in."
  type        = string
  default     = "vigil"
}

variable "services" {
  description = "The Deployments watched for restarts and memory pressure."
  type        = list(string)
  default     = ["gateway", "health-service", "logparse-service"]
}

variable "error_ratio_threshold_percent" {
  description = "Alarm when more than this percentage of the gateway's responses are 5xx (0..100)."
  type        = number
  default     = 5

  validation {
    condition     = var.error_ratio_threshold_percent > 0 && var.error_ratio_threshold_percent <= 100
    error_message = "error_ratio_threshold_percent: above 0, at most 100."
  }
}

variable "latency_p99_threshold_seconds" {
  description = "Alarm when the gateway's p99 response time stays above this many seconds."
  type        = number
  default     = 2

  validation {
    condition     = var.latency_p99_threshold_seconds > 0
    error_message = "latency_p99_threshold_seconds: above 0."
  }
}

variable "memory_threshold_percent" {
  description = "Alarm when a pod's memory stays above this percentage of its limit (0..100)."
  type        = number
  default     = 90

  validation {
    condition     = var.memory_threshold_percent > 0 && var.memory_threshold_percent <= 100
    error_message = "memory_threshold_percent: above 0, at most 100."
  }
}

variable "tags" {
  description = "Tags for every resource."
  type        = map(string)
  default     = {}
}
