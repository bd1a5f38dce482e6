provider "aws" {
  region = var.region

  default_tags {
    tags = local.tags
  }
}

# The replica's region. Always configured (the log-archive module requires it); used only when
# replication is on.
provider "aws" {
  alias  = "replica"
  region = var.replica_region

  default_tags {
    tags = local.tags
  }
}
