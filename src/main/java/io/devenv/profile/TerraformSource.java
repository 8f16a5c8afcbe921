package io.devenv.profile;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

@Doc("A Terraform directory (an application's `.cloud/terraform`) whose AWS resources are created as if declared here.")
public record TerraformSource(
    Origin origin,
    @Doc("The directory of `.tf` files (the root module).") @Required @Exists(Exists.Kind.DIRECTORY) Path path,
    @Doc("Values of its variables; they win over defaults and `.tfvars` files.") Map<String, Object> vars,
    @Doc("`.tfvars` files read after `terraform.tfvars` and `*.auto.tfvars` of the directory, in order.")
        @Exists(Exists.Kind.FILE)
        List<Path> varFiles) {}
