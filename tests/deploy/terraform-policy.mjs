// Offline checks of Terraform code: every .tf file is parsed by a real HCL parser (@cdktf/hcl2json, the
// HashiCorp HCL library compiled to WebAssembly) and the JSON is checked against Vigil's policies:
// encrypted, versioned, private, TLS-only buckets; rotated KMS keys; encrypted SNS topics; bounded roles;
// no wildcard actions; typed, described variables; outputs wrapped in try(); pinned versions; alarms that
// link to existing runbooks. And the layout, in the manner of terraform-aws-modules: every call of a local
// module passes only variables that module declares and every one it requires; a module under modules/ has
// a README.md naming each of its inputs and outputs; an environment under envs/ makes no resources of its
// own, only calls modules, and its terraform.tfvars.example sets only variables it declares, and every one it
// requires.
//
//   node terraform-policy.mjs DIR...   checks every directory holding .tf files under each DIR
//
// Exit status 0 when every check passes, 1 with one line per violation otherwise.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from '@cdktf/hcl2json';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const PUBLIC_ACLS = new Set(['public-read', 'public-read-write', 'authenticated-read']);
const SSE_ALGORITHMS = new Set(['aws:kms', 'aws:kms:dsse', 'AES256']);

/** Directories below (and including) root that hold .tf files, sorted. */
export function terraformDirectories(root) {
    const found = [];
    const walk = (dir) => {
        const entries = fs.readdirSync(dir, { withFileTypes: true });
        if (entries.some((e) => e.isFile() && e.name.endsWith('.tf'))) {
            found.push(dir);
        }
        for (const e of entries) {
            if (e.isDirectory() && !e.name.startsWith('.') && e.name !== 'node_modules') {
                walk(path.join(dir, e.name));
            }
        }
    };
    walk(root);
    return found.sort();
}

/** Parses every .tf file of one directory (one Terraform module) into a merged model. */
async function loadModule(dir, violations) {
    const model = { dir, files: [], resource: {}, data: {}, variable: {}, output: {}, terraform: [], provider: {}, module: {} };
    const files = fs.readdirSync(dir).filter((f) => f.endsWith('.tf')).sort();
    for (const file of files) {
        const full = path.join(dir, file);
        let json;
        try {
            json = await parse(full, fs.readFileSync(full, 'utf8'));
        } catch (e) {
            violations.push(`${rel(full)}: not valid HCL: ${String(e.message ?? e).split('\n')[0]}`);
            continue;
        }
        model.files.push(file);
        for (const kind of ['resource', 'data']) {
            for (const [type, byName] of Object.entries(json[kind] ?? {})) {
                model[kind][type] ??= {};
                for (const [name, blocks] of Object.entries(byName)) {
                    model[kind][type][name] = { block: blocks[0], file };
                }
            }
        }
        for (const kind of ['variable', 'output', 'module', 'provider']) {
            for (const [name, blocks] of Object.entries(json[kind] ?? {})) {
                model[kind][name] = { block: blocks[0], blocks, file };
            }
        }
        for (const block of json.terraform ?? []) {
            model.terraform.push({ block, file });
        }
    }
    return model;
}

function rel(p) {
    return path.relative(REPO_ROOT, p) || p;
}

const first = (value) => (Array.isArray(value) ? value[0] : value);
const list = (value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]);
const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** Whether an expression references a resource address (aws_s3_bucket.this.id, aws_s3_bucket.replica[0].id). */
const refersTo = (value, address) => typeof value === 'string'
    && new RegExp(`${escape(address)}(\\[[^\\]]*\\])?\\.`).test(value);

/** The resources of a type whose `bucket` argument references aws_s3_bucket.<name>. */
function attachedTo(model, type, bucketName) {
    return Object.entries(model.resource[type] ?? {})
        .filter(([, r]) => refersTo(r.block.bucket, `aws_s3_bucket.${bucketName}`))
        .map(([name, r]) => ({ name, ...r }));
}

/** The aws_iam_policy_document a `policy` argument names (${data.aws_iam_policy_document.X[...].json}). */
function policyDocument(model, expression) {
    const match = /data\.aws_iam_policy_document\.([A-Za-z0-9_-]+)/.exec(expression ?? '');
    return match ? { name: match[1], doc: model.data.aws_iam_policy_document?.[match[1]] } : null;
}

/** Every statement of a policy document, those inside dynamic "statement" blocks included. */
function statements(doc) {
    const plain = list(doc.block.statement);
    const dynamic = list(doc.block.dynamic).flatMap((d) => list(d.statement)).flatMap((s) => list(s.content));
    return [...plain, ...dynamic];
}

function checkVersions(model, v) {
    if (!model.files.includes('versions.tf')) {
        v.push(`${rel(model.dir)}: no versions.tf`);
    }
    const required = model.terraform.map((t) => t.block).filter((b) => b.required_version || b.required_providers);
    const version = required.map((b) => b.required_version).find(Boolean);
    if (!version) {
        v.push(`${rel(model.dir)}: terraform.required_version is not pinned`);
    }
    const aws = required.flatMap((b) => list(b.required_providers)).map((p) => p.aws).find(Boolean);
    const awsVersion = aws?.version;
    if (!awsVersion || !(/</.test(awsVersion) || /~>/.test(awsVersion))) {
        v.push(`${rel(model.dir)}: the aws provider version needs an upper bound (found ${JSON.stringify(awsVersion ?? null)})`);
    }
    for (const [name, p] of Object.entries(model.provider)) {
        for (const block of p.blocks) {
            for (const secret of ['access_key', 'secret_key', 'token']) {
                if (block[secret] !== undefined) {
                    v.push(`${rel(model.dir)}/${p.file}: provider ${name} sets ${secret}: credentials never go in code`);
                }
            }
        }
    }
}

function checkVariablesAndOutputs(model, v) {
    for (const [name, { block, file }] of Object.entries(model.variable)) {
        const where = `${rel(model.dir)}/${file}: variable "${name}"`;
        if (typeof block.description !== 'string' || block.description.trim() === '') {
            v.push(`${where} has no description`);
        }
        if (block.type === undefined) {
            v.push(`${where} has no type`);
        }
        const validations = list(block.validation);
        for (const validation of validations) {
            if (!validation.condition || !validation.error_message) {
                v.push(`${where}: a validation needs condition and error_message`);
            }
        }
        const closed = /\bone of\b/i.test(block.description ?? '') || /_mode$/.test(name);
        if (closed && !validations.some((x) => String(x.condition).includes('contains('))) {
            v.push(`${where} takes one of a closed set of values but has no contains(...) validation`);
        }
    }
    for (const [name, { block, file }] of Object.entries(model.output)) {
        const where = `${rel(model.dir)}/${file}: output "${name}"`;
        if (typeof block.description !== 'string' || block.description.trim() === '') {
            v.push(`${where} has no description`);
        }
        if (!(typeof block.value === 'string' && block.value.startsWith('${try('))) {
            v.push(`${where}: its value is not wrapped in try(...)`);
        }
    }
}

function checkBucket(model, name, r, v) {
    const where = `${rel(model.dir)}/${r.file}: aws_s3_bucket.${name}`;
    const bucket = r.block;
    if (bucket.acl !== undefined && bucket.acl !== 'private') {
        v.push(`${where} has acl = ${JSON.stringify(bucket.acl)}: buckets are private`);
    }
    for (const acl of attachedTo(model, 'aws_s3_bucket_acl', name)) {
        if (PUBLIC_ACLS.has(acl.block.acl)) {
            v.push(`${where} is made public by aws_s3_bucket_acl.${acl.name} (${acl.block.acl})`);
        }
    }

    const blocks = attachedTo(model, 'aws_s3_bucket_public_access_block', name);
    const flags = ['block_public_acls', 'block_public_policy', 'ignore_public_acls', 'restrict_public_buckets'];
    if (blocks.length === 0) {
        v.push(`${where} has no aws_s3_bucket_public_access_block`);
    }
    for (const b of blocks) {
        for (const flag of flags.filter((f) => b.block[f] !== true)) {
            v.push(`${where}: public access block ${b.name} has ${flag} = ${JSON.stringify(b.block[flag] ?? null)} (expected: true)`);
        }
    }

    const versioning = attachedTo(model, 'aws_s3_bucket_versioning', name);
    if (!versioning.some((x) => first(x.block.versioning_configuration)?.status === 'Enabled')) {
        v.push(`${where} has no aws_s3_bucket_versioning with status "Enabled"`);
    }

    const sse = attachedTo(model, 'aws_s3_bucket_server_side_encryption_configuration', name);
    if (sse.length === 0) {
        v.push(`${where} has no aws_s3_bucket_server_side_encryption_configuration`);
    }
    let kms = false;
    for (const s of sse) {
        for (const rule of list(s.block.rule)) {
            const byDefault = first(rule.apply_server_side_encryption_by_default) ?? {};
            if (!SSE_ALGORITHMS.has(byDefault.sse_algorithm)) {
                v.push(`${where}: encryption ${s.name} uses ${JSON.stringify(byDefault.sse_algorithm ?? null)}`);
            }
            if (String(byDefault.sse_algorithm).startsWith('aws:kms')) {
                kms = true;
                if (!byDefault.kms_master_key_id) {
                    v.push(`${where}: SSE-KMS without kms_master_key_id (a customer-managed key is required)`);
                }
                if (rule.bucket_key_enabled !== true) {
                    v.push(`${where}: SSE-KMS without bucket_key_enabled = true`);
                }
            }
        }
    }

    const policies = attachedTo(model, 'aws_s3_bucket_policy', name);
    const docs = policies.map((p) => policyDocument(model, p.block.policy)).filter((d) => d?.doc);
    const denies = docs.flatMap((d) => statements(d.doc)).filter((s) => s.effect === 'Deny');
    const tlsOnly = denies.some((s) => list(s.condition).some((c) => c.variable === 'aws:SecureTransport'
        && c.test === 'Bool' && list(c.values).includes('false')));
    if (!tlsOnly) {
        v.push(`${where} has no bucket policy denying requests without TLS (aws:SecureTransport = false)`);
    }
    if (kms && !denies.some((s) => list(s.actions).includes('s3:PutObject')
        && list(s.condition).some((c) => String(c.variable).startsWith('s3:x-amz-server-side-encryption')))) {
        v.push(`${where} has no bucket policy denying objects that are not encrypted with its KMS key`);
    }

    if (name === 'this') {
        const logging = attachedTo(model, 'aws_s3_bucket_logging', name);
        if (!logging.some((l) => typeof l.block.target_bucket === 'string'
            && !refersTo(l.block.target_bucket, `aws_s3_bucket.${name}`))) {
            v.push(`${where} has no access logging to a separate bucket`);
        }
        const lifecycle = attachedTo(model, 'aws_s3_bucket_lifecycle_configuration', name).flatMap((l) => list(l.block.rule));
        if (!lifecycle.some((rule) => list(rule.transition).some((t) => t.storage_class === 'INTELLIGENT_TIERING'))) {
            v.push(`${where} has no lifecycle transition to INTELLIGENT_TIERING`);
        }
        if (!lifecycle.some((rule) => list(rule.expiration).length > 0)) {
            v.push(`${where} has no lifecycle expiration`);
        }
    }
}

function checkPolicyDocuments(model, v) {
    const keyPolicies = new Set(Object.values(model.resource.aws_kms_key ?? {})
        .map((k) => policyDocument(model, k.block.policy)?.name).filter(Boolean));
    for (const [name, doc] of Object.entries(model.data.aws_iam_policy_document ?? {})) {
        const where = `${rel(model.dir)}/${doc.file}: data.aws_iam_policy_document.${name}`;
        for (const s of statements(doc)) {
            if ((s.effect ?? 'Allow') !== 'Allow') {
                continue;
            }
            const sid = s.sid ? ` statement ${s.sid}` : '';
            for (const action of list(s.actions)) {
                if (String(action).includes('*')) {
                    v.push(`${where}${sid} allows the wildcard action ${JSON.stringify(action)}`);
                }
            }
            if (s.not_actions !== undefined) {
                v.push(`${where}${sid} allows by not_actions`);
            }
            if (list(s.resources).includes('*') && !keyPolicies.has(name)) {
                v.push(`${where}${sid} allows on every resource ("*")`);
            }
            for (const p of list(s.principals)) {
                if (list(p.identifiers).includes('*')) {
                    v.push(`${where}${sid} allows any principal ("*")`);
                }
            }
        }
    }
    const policyArguments = ['policy', 'assume_role_policy'];
    for (const [type, byName] of Object.entries(model.resource)) {
        for (const [name, r] of Object.entries(byName)) {
            for (const argument of policyArguments.filter((a) => r.block[a] !== undefined)) {
                if (!policyDocument(model, r.block[argument])) {
                    v.push(`${rel(model.dir)}/${r.file}: ${type}.${name}.${argument} is not an aws_iam_policy_document (so it cannot be checked)`);
                }
            }
        }
    }
}

function checkOtherResources(model, v) {
    for (const [name, r] of Object.entries(model.resource.aws_kms_key ?? {})) {
        const where = `${rel(model.dir)}/${r.file}: aws_kms_key.${name}`;
        if (r.block.enable_key_rotation !== true) {
            v.push(`${where} has enable_key_rotation = ${JSON.stringify(r.block.enable_key_rotation ?? null)} (expected: true)`);
        }
        if (r.block.policy === undefined) {
            v.push(`${where} has no key policy`);
        }
    }
    for (const [name, r] of Object.entries(model.resource.aws_sns_topic ?? {})) {
        if (!r.block.kms_master_key_id) {
            v.push(`${rel(model.dir)}/${r.file}: aws_sns_topic.${name} is not encrypted (kms_master_key_id)`);
        }
    }
    for (const [name, r] of Object.entries(model.resource.aws_iam_role ?? {})) {
        if (!r.block.permissions_boundary) {
            v.push(`${rel(model.dir)}/${r.file}: aws_iam_role.${name} has no permissions_boundary`);
        }
    }
    for (const [name, r] of Object.entries(model.resource.aws_cloudwatch_metric_alarm ?? {})) {
        const where = `${rel(model.dir)}/${r.file}: aws_cloudwatch_metric_alarm.${name}`;
        const link = /Runbook: \$\{var\.runbook_base_url\}\/([a-z0-9-]+\.md)/.exec(r.block.alarm_description ?? '');
        if (!link) {
            v.push(`${where}: alarm_description does not link a runbook ("Runbook: \${var.runbook_base_url}/<page>.md")`);
        } else if (!fs.existsSync(path.join(REPO_ROOT, 'docs', 'runbooks', link[1]))) {
            v.push(`${where}: runbook docs/runbooks/${link[1]} does not exist`);
        }
        if (!r.block.alarm_actions) {
            v.push(`${where} has no alarm_actions`);
        }
    }
}

/** Arguments of a module block that are Terraform's own, not inputs of the module. */
const META_ARGUMENTS = new Set(['source', 'version', 'providers', 'count', 'for_each', 'depends_on']);

/** Whether a variable block has a default (and so need not be set). */
const hasDefault = (block) => Object.prototype.hasOwnProperty.call(block, 'default');

/** Each call of a local module passes only the variables it declares, and every one it requires. */
async function checkModuleCalls(model, v) {
    for (const [name, { block, file }] of Object.entries(model.module)) {
        const source = block.source;
        if (typeof source !== 'string' || !source.startsWith('.')) {
            continue;
        }
        const where = `${rel(model.dir)}/${file}: module "${name}"`;
        const target = path.resolve(model.dir, source);
        if (!fs.existsSync(target) || !fs.statSync(target).isDirectory()) {
            v.push(`${where}: source ${source} is not a directory`);
            continue;
        }
        const called = await loadModule(target, []);
        const passed = Object.keys(block).filter((key) => !META_ARGUMENTS.has(key));
        for (const argument of passed.filter((key) => !called.variable[key])) {
            v.push(`${where}: ${argument} is not a variable of ${source}`);
        }
        for (const [variable, declared] of Object.entries(called.variable)) {
            if (!hasDefault(declared.block) && !passed.includes(variable)) {
                v.push(`${where}: the required variable ${variable} of ${source} is not set`);
            }
        }
    }
}

/** A module under modules/ has a README.md that names each of its inputs and outputs. */
function checkReadme(model, v) {
    const readme = path.join(model.dir, 'README.md');
    if (!fs.existsSync(readme)) {
        v.push(`${rel(model.dir)}: no README.md (a module documents its inputs and outputs)`);
        return;
    }
    const text = fs.readFileSync(readme, 'utf8');
    for (const [kind, names] of [['input', Object.keys(model.variable)], ['output', Object.keys(model.output)]]) {
        for (const name of names.filter((n) => !text.includes(`\`${n}\``))) {
            v.push(`${rel(readme)} does not document the ${kind} \`${name}\``);
        }
    }
}

/** An environment under envs/ is module calls and its tfvars: no resources or data of its own. */
async function checkEnvironment(model, v) {
    for (const kind of ['resource', 'data']) {
        for (const [type, byName] of Object.entries(model[kind])) {
            for (const [name, r] of Object.entries(byName)) {
                v.push(`${rel(model.dir)}/${r.file}: ${kind === 'data' ? 'data.' : ''}${type}.${name} in an environment (it belongs in a module)`);
            }
        }
    }
    if (Object.keys(model.module).length === 0) {
        v.push(`${rel(model.dir)}: an environment calls no module`);
    }
    const example = path.join(model.dir, 'terraform.tfvars.example');
    if (!fs.existsSync(example)) {
        v.push(`${rel(model.dir)}: no terraform.tfvars.example`);
        return;
    }
    let values;
    try {
        values = await parse(example, fs.readFileSync(example, 'utf8'));
    } catch (e) {
        v.push(`${rel(example)}: not valid HCL: ${String(e.message ?? e).split('\n')[0]}`);
        return;
    }
    for (const key of Object.keys(values).filter((k) => !model.variable[k])) {
        v.push(`${rel(example)} sets ${key}, which is not a variable of the environment`);
    }
    for (const [name, { block }] of Object.entries(model.variable)) {
        if (!hasDefault(block) && !Object.prototype.hasOwnProperty.call(values, name)) {
            v.push(`${rel(example)} does not set the required variable ${name}`);
        }
    }
}

/** All violations of the Terraform code in one directory (one module). */
export async function checkModule(dir) {
    const violations = [];
    const model = await loadModule(dir, violations);
    checkVersions(model, violations);
    checkVariablesAndOutputs(model, violations);
    await checkModuleCalls(model, violations);
    const parent = path.basename(path.dirname(dir));
    if (parent === 'modules') {
        checkReadme(model, violations);
    } else if (parent === 'envs') {
        await checkEnvironment(model, violations);
    }
    for (const [name, r] of Object.entries(model.resource.aws_s3_bucket ?? {})) {
        checkBucket(model, name, r, violations);
    }
    checkPolicyDocuments(model, violations);
    checkOtherResources(model, violations);
    return violations;
}

/** All violations under the given roots, and how many directories and files were checked. */
export async function checkAll(roots) {
    const violations = [];
    let modules = 0;
    let files = 0;
    for (const root of roots) {
        for (const dir of terraformDirectories(root)) {
            modules += 1;
            files += fs.readdirSync(dir).filter((f) => f.endsWith('.tf')).length;
            violations.push(...await checkModule(dir));
        }
    }
    return { violations, modules, files };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
    const roots = process.argv.slice(2);
    if (roots.length === 0) {
        console.error('usage: node terraform-policy.mjs DIR...');
        process.exit(2);
    }
    const { violations, modules, files } = await checkAll(roots);
    for (const line of violations) {
        console.log(line);
    }
    console.log(`terraform policy: ${files} files in ${modules} modules, ${violations.length} violations`);
    process.exit(violations.length === 0 ? 0 : 1);
}
