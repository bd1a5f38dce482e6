output "kms_key_arn" {
  description = "ARN of the KMS key of the log archive and the alarm topic."
  value       = try(module.vigil.kms_key_arn, null)
}

output "log_archive_bucket" {
  description = "Name of the log-archive bucket."
  value       = try(module.vigil.log_archive_bucket, null)
}

output "access_log_bucket" {
  description = "Name of the bucket with the archive's S3 server access logs."
  value       = try(module.vigil.access_log_bucket, null)
}

output "replica_bucket_arn" {
  description = "ARN of the cross-region replica, or null."
  value       = try(module.vigil.replica_bucket_arn, null)
}

output "irsa_role_arn" {
  description = "Role ARN for the eks.amazonaws.com/role-arn annotation of the logparse-service service account (deploy/k8s/overlays/prod/patches/service-accounts.yaml)."
  value       = try(module.vigil.irsa_role_arn, null)
}

output "alarm_topic_arn" {
  description = "ARN of the SNS topic the alarms publish to."
  value       = try(module.vigil.alarm_topic_arn, null)
}
