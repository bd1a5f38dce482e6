terraform {
  required_version = ">= 1.6.0, < 2.0.0"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.80"
    }
  }

  # Local state for dev. For shared state add: backend "s3" {} and terraform init -backend-config=backend.hcl
}
