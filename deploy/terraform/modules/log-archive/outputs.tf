output "bucket_name" {
  description = "Name of the log-archive bucket."
  value       = try(aws_s3_bucket.this.id, null)
}

output "bucket_arn" {
  description = "ARN of the log-archive bucket."
  value       = try(aws_s3_bucket.this.arn, null)
}

output "access_log_bucket_name" {
  description = "Name of the bucket holding the archive's S3 server access logs."
  value       = try(aws_s3_bucket.access_logs.id, null)
}

output "replica_bucket_arn" {
  description = "ARN of the cross-region replica, or null when replication is off."
  value       = try(aws_s3_bucket.replica[0].arn, null)
}

output "replication_role_arn" {
  description = "ARN of the role S3 replicates with, or null when replication is off."
  value       = try(aws_iam_role.replication[0].arn, null)
}
