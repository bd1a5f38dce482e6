output "topic_arn" {
  description = "ARN of the KMS-encrypted SNS topic the alarms publish to."
  value       = try(aws_sns_topic.this.arn, null)
}

output "alarm_arns" {
  description = "ARNs of the CloudWatch alarms, by name."
  value = try(merge(
    { for alarm in concat(aws_cloudwatch_metric_alarm.error_ratio, aws_cloudwatch_metric_alarm.latency, aws_cloudwatch_metric_alarm.unhealthy_targets, aws_cloudwatch_metric_alarm.no_healthy_targets) : alarm.alarm_name => alarm.arn },
    { for alarm in values(aws_cloudwatch_metric_alarm.restarts) : alarm.alarm_name => alarm.arn },
    { for alarm in values(aws_cloudwatch_metric_alarm.memory) : alarm.alarm_name => alarm.arn },
  ), {})
}
