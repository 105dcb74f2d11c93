// The services whose resources resource control policies (RCPs) guard; an RCP never applies to any
// other action, so only these are worth reading RCPs for.
// https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_rcps.html

export const RCP_SERVICES: ReadonlySet<string> = new Set(['s3', 'sts', 'kms', 'sqs', 'secretsmanager', 'cognito-identity', 'logs', 'dynamodb', 'ecr', 'aoss']);
