# CloudWatch alarms for Vigil, published to a KMS-encrypted SNS topic. Each alarm's description names its
# runbook (docs/runbooks/). Load balancer alarms watch the ALB in front of the gateway; pod alarms need
# Container Insights on the EKS cluster.

data "aws_caller_identity" "current" {}

locals {
  alb_count = var.load_balancer_arn_suffix != null && var.target_group_arn_suffix != null ? 1 : 0
  pods      = var.eks_cluster_name != null ? toset(var.services) : toset([])
  actions   = [aws_sns_topic.this.arn]
  alb_dimensions = {
    LoadBalancer = var.load_balancer_arn_suffix
    TargetGroup  = var.target_group_arn_suffix
  }
}

resource "aws_sns_topic" "this" {
  name              = "${var.name}-alarms"
  kms_master_key_id = var.kms_key_arn
  tags              = var.tags
}

data "aws_iam_policy_document" "this" {
  statement {
    sid       = "CloudWatchAlarmsOfThisAccount"
    effect    = "Allow"
    actions   = ["sns:Publish"]
    resources = [aws_sns_topic.this.arn]

    principals {
      type        = "Service"
      identifiers = ["cloudwatch.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [data.aws_caller_identity.current.account_id]
    }
  }

  statement {
    sid       = "DenyInsecureTransport"
    effect    = "Deny"
    actions   = ["sns:Publish"]
    resources = [aws_sns_topic.this.arn]

    principals {
      type        = "*"
      identifiers = ["*"]
    }

    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["false"]
    }
  }
}

resource "aws_sns_topic_policy" "this" {
  arn    = aws_sns_topic.this.arn
  policy = data.aws_iam_policy_document.this.json
}

resource "aws_sns_topic_subscription" "email" {
  for_each = toset(var.alarm_emails)

  topic_arn = aws_sns_topic.this.arn
  protocol  = "email"
  endpoint  = each.value
}

# ---- gateway, seen from its load balancer --------------------------------------------------------------

resource "aws_cloudwatch_metric_alarm" "error_ratio" {
  count = local.alb_count

  alarm_name          = "${var.name}-gateway-error-ratio"
  alarm_description   = "More than ${var.error_ratio_threshold_percent}% of the gateway's responses are 5xx. Runbook: ${var.runbook_base_url}/high-error-ratio.md"
  comparison_operator = "GreaterThanThreshold"
  threshold           = var.error_ratio_threshold_percent
  evaluation_periods  = 5
  datapoints_to_alarm = 3
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.actions
  ok_actions          = local.actions

  metric_query {
    id          = "ratio"
    expression  = "IF(requests > 0, 100 * errors / requests, 0)"
    label       = "5xx share of responses (%)"
    return_data = true
  }

  metric_query {
    id = "errors"

    metric {
      namespace   = "AWS/ApplicationELB"
      metric_name = "HTTPCode_Target_5XX_Count"
      dimensions  = local.alb_dimensions
      period      = 60
      stat        = "Sum"
    }
  }

  metric_query {
    id = "requests"

    metric {
      namespace   = "AWS/ApplicationELB"
      metric_name = "RequestCount"
      dimensions  = local.alb_dimensions
      period      = 60
      stat        = "Sum"
    }
  }

  tags = var.tags
}

resource "aws_cloudwatch_metric_alarm" "latency" {
  count = local.alb_count

  alarm_name          = "${var.name}-gateway-latency-p99"
  alarm_description   = "The gateway's p99 response time is above ${var.latency_p99_threshold_seconds}s: the latency SLO is burning. Runbook: ${var.runbook_base_url}/latency-slo-burn.md"
  namespace           = "AWS/ApplicationELB"
  metric_name         = "TargetResponseTime"
  dimensions          = local.alb_dimensions
  extended_statistic  = "p99"
  period              = 60
  comparison_operator = "GreaterThanThreshold"
  threshold           = var.latency_p99_threshold_seconds
  evaluation_periods  = 10
  datapoints_to_alarm = 5
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.actions
  ok_actions          = local.actions
  tags                = var.tags
}

resource "aws_cloudwatch_metric_alarm" "unhealthy_targets" {
  count = local.alb_count

  alarm_name          = "${var.name}-gateway-unhealthy-targets"
  alarm_description   = "Gateway pods fail the load balancer's readiness check (/observe/health/ready). Runbook: ${var.runbook_base_url}/health-check-failing.md"
  namespace           = "AWS/ApplicationELB"
  metric_name         = "UnHealthyHostCount"
  dimensions          = local.alb_dimensions
  statistic           = "Maximum"
  period              = 60
  comparison_operator = "GreaterThanThreshold"
  threshold           = 0
  evaluation_periods  = 3
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.actions
  ok_actions          = local.actions
  tags                = var.tags
}

resource "aws_cloudwatch_metric_alarm" "no_healthy_targets" {
  count = local.alb_count

  alarm_name          = "${var.name}-gateway-down"
  alarm_description   = "No gateway pod is ready behind the load balancer: the API is down. Runbook: ${var.runbook_base_url}/backend-down.md"
  namespace           = "AWS/ApplicationELB"
  metric_name         = "HealthyHostCount"
  dimensions          = local.alb_dimensions
  statistic           = "Minimum"
  period              = 60
  comparison_operator = "LessThanThreshold"
  threshold           = 1
  evaluation_periods  = 2
  treat_missing_data  = "breaching"
  alarm_actions       = local.actions
  ok_actions          = local.actions
  tags                = var.tags
}

# ---- pods, from Container Insights ----------------------------------------------------------------------

resource "aws_cloudwatch_metric_alarm" "restarts" {
  for_each = local.pods

  alarm_name          = "${var.name}-${each.key}-restarts"
  alarm_description   = "${each.key} containers keep restarting (crash loop, failed liveness probe or out of memory). Runbook: ${var.runbook_base_url}/pod-crash-looping.md"
  namespace           = "ContainerInsights"
  metric_name         = "pod_number_of_container_restarts"
  statistic           = "Maximum"
  period              = 300
  comparison_operator = "GreaterThanThreshold"
  threshold           = 2
  evaluation_periods  = 1
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.actions
  ok_actions          = local.actions

  dimensions = {
    ClusterName = var.eks_cluster_name
    Namespace   = var.kubernetes_namespace
    PodName     = each.key
  }

  tags = var.tags
}

resource "aws_cloudwatch_metric_alarm" "memory" {
  for_each = local.pods

  alarm_name          = "${var.name}-${each.key}-memory"
  alarm_description   = "${each.key} pods use more than ${var.memory_threshold_percent}% of their memory limit. Runbook: ${var.runbook_base_url}/resource-pressure.md"
  namespace           = "ContainerInsights"
  metric_name         = "pod_memory_utilization_over_pod_limit"
  statistic           = "Maximum"
  period              = 300
  comparison_operator = "GreaterThanThreshold"
  threshold           = var.memory_threshold_percent
  evaluation_periods  = 3
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.actions
  ok_actions          = local.actions

  dimensions = {
    ClusterName = var.eks_cluster_name
    Namespace   = var.kubernetes_namespace
    PodName     = each.key
  }

  tags = var.tags
}
