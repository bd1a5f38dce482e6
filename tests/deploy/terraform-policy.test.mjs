// node --test: deploy/terraform passes every policy, and deliberately broken modules fail the ones they break.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import test from 'node:test';
import { fileURLToPath } from 'node:url';
import { checkAll, checkModule, terraformDirectories } from './terraform-policy.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const terraform = path.resolve(here, '../../deploy/terraform');
const fixtures = path.join(here, 'fixtures', 'terraform');

test('every module and environment of deploy/terraform passes the policies', async () => {
    const { violations, modules, files } = await checkAll([terraform]);
    assert.deepEqual(violations, []);
    assert.ok(modules >= 7, `modules checked: ${modules}`);
    assert.ok(files >= 20, `files checked: ${files}`);
});

test('the checked tree holds the modules and environments the issue asks for', () => {
    const dirs = terraformDirectories(terraform).map((d) => path.relative(terraform, d));
    const modules = ['modules/kms-key', 'modules/log-archive', 'modules/irsa-role', 'modules/alarms', 'modules/vigil-stack'];
    for (const expected of ['envs/dev', 'envs/prod', ...modules]) {
        assert.ok(dirs.includes(expected), `${expected} in ${dirs}`);
        for (const file of ['main.tf', 'variables.tf', 'outputs.tf', 'versions.tf']) {
            assert.ok(fs.existsSync(path.join(terraform, expected, file)), `${expected}/${file}`);
        }
    }
    for (const module of modules) {
        assert.ok(fs.existsSync(path.join(terraform, module, 'README.md')), `${module}/README.md`);
    }
});

test('each environment is one call of the composition module, which calls the other modules', () => {
    for (const env of ['dev', 'prod']) {
        const main = fs.readFileSync(path.join(terraform, 'envs', env, 'main.tf'), 'utf8');
        assert.deepEqual([...main.matchAll(/^module "([^"]+)"/gm)].map((m) => m[1]), ['vigil'], `envs/${env}: module calls`);
        assert.match(main, /source = "\.\.\/\.\.\/modules\/vigil-stack"/, `envs/${env} calls vigil-stack`);
        assert.doesNotMatch(main, /^(resource|data) "/m, `envs/${env} makes nothing itself`);
    }
    const stack = fs.readFileSync(path.join(terraform, 'modules', 'vigil-stack', 'main.tf'), 'utf8');
    for (const module of ['kms-key', 'log-archive', 'irsa-role', 'alarms']) {
        assert.match(stack, new RegExp(`source = "\\.\\./${module}"`), `vigil-stack calls ${module}`);
    }
});

test('an environment that is more than a module call, and a module README that leaves things out, fail', async () => {
    const { violations } = await checkAll([path.join(fixtures, 'layout')]);
    const expected = [
        /module "stack": colour is not a variable of \.\.\/\.\.\/modules\/stack/,
        /module "stack": the required variable name of \.\.\/\.\.\/modules\/stack is not set/,
        /aws_cloudwatch_log_group\.stray in an environment/,
        /terraform\.tfvars\.example sets regoin, which is not a variable of the environment/,
        /terraform\.tfvars\.example does not set the required variable region/,
        /stack\/README\.md does not document the input `retention_days`/,
        /stack\/README\.md does not document the output `arn`/,
    ];
    for (const pattern of expected) {
        assert.ok(violations.some((v) => pattern.test(v)), `expected a violation matching ${pattern}:\n${violations.join('\n')}`);
    }
    assert.equal(violations.length, expected.length, violations.join('\n'));
});

test('one change to a real environment is caught: a required input of the composition left out', async (t) => {
    const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-tf-env-'));
    t.after(() => fs.rmSync(copy, { recursive: true, force: true }));
    fs.cpSync(terraform, copy, { recursive: true });
    const main = path.join(copy, 'envs', 'prod', 'main.tf');
    fs.writeFileSync(main, fs.readFileSync(main, 'utf8').replace(/^ {2}oidc_provider_arn .*\n/m, ''));
    const violations = await checkModule(path.join(copy, 'envs', 'prod'));
    assert.deepEqual(violations.map((v) => v.replace(/^.*main\.tf: /, '')),
        ['module "vigil": the required variable oidc_provider_arn of ../../modules/vigil-stack is not set']);
});

test('a public, unencrypted, unversioned bucket and its friends fail', async () => {
    const violations = await checkModule(path.join(fixtures, 'public-bucket'));
    const expected = [
        /acl = "public-read"/,
        /block_public_acls = false/,
        /no aws_s3_bucket_versioning with status "Enabled"/,
        /no aws_s3_bucket_server_side_encryption_configuration/,
        /no bucket policy denying requests without TLS/,
        /no access logging to a separate bucket/,
        /no lifecycle transition to INTELLIGENT_TIERING/,
        /allows the wildcard action "s3:\*"/,
        /allows on every resource/,
        /enable_key_rotation = false/,
        /aws_sns_topic.this is not encrypted/,
        /aws_iam_role.this has no permissions_boundary/,
        /assume_role_policy is not an aws_iam_policy_document/,
        /variable "bucket_name" has no description/,
        /variable "retention_mode" takes one of a closed set/,
        /output "bucket": its value is not wrapped in try/,
        /does not link a runbook/,
        /terraform.required_version is not pinned/,
        /aws provider version needs an upper bound/,
    ];
    for (const pattern of expected) {
        assert.ok(violations.some((v) => pattern.test(v)), `expected a violation matching ${pattern}:\n${violations.join('\n')}`);
    }
});

test('a file that is not valid HCL fails with the parser message', async () => {
    const violations = await checkModule(path.join(fixtures, 'syntax-error'));
    assert.ok(violations.some((v) => /main\.tf: not valid HCL: .*Unclosed configuration block/.test(v)), violations.join('\n'));
});

test('one change to a real module is caught: rotation switched off', async (t) => {
    const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-tf-kms-'));
    t.after(() => fs.rmSync(copy, { recursive: true, force: true }));
    for (const file of fs.readdirSync(path.join(terraform, 'modules', 'kms-key'))) {
        let text = fs.readFileSync(path.join(terraform, 'modules', 'kms-key', file), 'utf8');
        text = text.replace('enable_key_rotation     = true', 'enable_key_rotation     = false');
        fs.writeFileSync(path.join(copy, file), text);
    }
    const violations = await checkModule(copy);
    assert.deepEqual(violations.map((v) => v.replace(/^.*main\.tf: /, '')), ['aws_kms_key.this has enable_key_rotation = false (expected: true)']);
});
