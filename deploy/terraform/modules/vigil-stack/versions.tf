terraform {
  required_version = ">= 1.6.0, < 2.0.0"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.60.0, < 6.0.0"
      # aws.replica: the region of the log archive's cross-region replica (pass the default provider when there
      # is none: it is used only when replication_enabled).
      configuration_aliases = [aws.replica]
    }
  }
}
