terraform {
  required_version = ">= 1.6.0, < 2.0.0"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.80"
    }
  }

  # Remote state: terraform init -backend-config=backend.hcl (see backend.hcl.example).
  backend "s3" {}
}
