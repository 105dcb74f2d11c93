// The AWS CLI lines that read one policy and put a changed copy back, one function per kind of policy. The admin
// request's routes and the panel frame's commands both use them, so the two never say it differently. Every value
// in them is validated before it gets here (an IAM name, a policy ARN or id, else a <placeholder>), so none is
// quoted; a value that is not validated is single-quoted where it is used (shell.ts).

/** A customer managed policy (or its placeholder): read its default version. */
export function readManagedPolicyLine(arn: string): string {
  return `aws iam get-policy-version --policy-arn ${arn} --version-id "$(aws iam get-policy --policy-arn ${arn} --query Policy.DefaultVersionId --output text)" --query PolicyVersion.Document`;
}

/** Read the default version of a customer managed policy, and publish an edited copy as the new default. */
export function editManagedPolicyLines(arn: string, file: string): string[] {
  return [
    readManagedPolicyLine(arn),
    `# Save it as ${file}, change it, publish it as the default (at most five versions: delete an old one first if needed):`,
    `aws iam create-policy-version --policy-arn ${arn} --policy-document file://${file} --set-as-default`,
  ];
}

/** An SCP or RCP by its id: its content into scp.json or rcp.json. */
export function readOrganizationsPolicyLine(id: string, kind: 'scp' | 'rcp'): string {
  return `aws organizations describe-policy --policy-id ${id} --query Policy.Content --output text > ${kind}.json`;
}

/** An SCP or RCP by its id (or "<policy-id>"): publish the changed scp.json or rcp.json. */
export function updateOrganizationsPolicyLines(id: string, kind: 'scp' | 'rcp'): string[] {
  return [`# Change ${kind}.json, then:`, `aws organizations update-policy --policy-id ${id} --content file://${kind}.json`];
}

/** An inline policy of an IAM user, group or role, by name: read it, and put the changed document back. */
export function editInlinePolicyLines(kind: 'user' | 'group' | 'role', owner: string, policyName: string): string[] {
  const target = `--${kind}-name ${owner} --policy-name ${policyName}`;
  return [
    `aws iam get-${kind}-policy ${target} --query PolicyDocument`,
    '# Save it as policy.json, change it, and put it back:',
    `aws iam put-${kind}-policy ${target} --policy-document file://policy.json`,
  ];
}

/** A role's trust policy: read it, and put the changed document back. */
export function editTrustPolicyLines(role: string): string[] {
  return [
    `aws iam get-role --role-name ${role} --query Role.AssumeRolePolicyDocument`,
    '# Save it as trust.json, change it, and put it back:',
    `aws iam update-assume-role-policy --role-name ${role} --policy-document file://trust.json`,
  ];
}
