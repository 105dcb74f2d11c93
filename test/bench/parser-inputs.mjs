// Inputs for the parser benchmark (test/bench/parser.mjs) and the adversarial unit test
// (test/unit/parse/adversarial.test.ts): a realistic mixed console page text with many denials, and
// adversarial texts built to make a careless parser backtrack, rescan or recurse. All deterministic.

export const MB = 1024 * 1024;

/** `unit` repeated until the text is `size` characters long. */
export function repeatTo(unit, size = MB) {
  return unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
}

/** Whole copies of `unit`, then `tail`, about `size` characters in all. */
export function unitsThen(unit, tail, size = MB) {
  return unit.repeat(Math.max(0, Math.floor((size - tail.length) / unit.length))) + tail;
}

/** A small seeded PRNG (mulberry32), so every run builds the same text. */
export function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ACCOUNTS = ['111111111111', '222222222222', '333333333333', '444444444444'];
const PRINCIPALS = [
  (a) => `arn:aws:iam::${a}:user/alice`,
  (a) => `arn:aws:sts::${a}:assumed-role/FinanceRole/bob`,
  (a) => `arn:aws:sts::${a}:assumed-role/AWSReservedSSO_BillingReadOnly_0123456789abcdef/carol@example.com`,
  (a) => `arn:aws:iam::${a}:user/division/ops/dave`,
];
const ACTIONS = ['ce:GetCostAndUsage', 'ce:GetCostForecast', 'budgets:ViewBudget', 'billing:GetBillingData', 'cur:DescribeReportDefinitions', 'invoicing:ListInvoiceSummaries', 'payments:ListPaymentInstruments', 'tax:ListTaxRegistrations', 'freetier:GetFreeTierUsage'];
const CONTEXTS = [
  (a) => ` because no identity-based policy allows the ${a} action`,
  () => ' with an explicit deny in a service control policy: arn:aws:organizations::999999999999:policy/o-exmpl12345/service_control_policy/p-exmpl111',
  (a) => ` because no permissions boundary allows the ${a} action`,
  () => ' with an explicit deny in an identity-based policy',
  () => '',
];
const FILLER = [
  'Billing and Cost Management home',
  'Month-to-date cost $1,234.56 compared with last month for the same period',
  'Cost Explorer: Daily unblended costs, grouped by service',
  'Amazon Elastic Compute Cloud $812.40 | Amazon Simple Storage Service $96.12 | AWS Lambda $0.00',
  'Budgets: Monthly budget 80% of $1,500.00 forecasted',
  'Free Tier usage: 12 of 25 offers used. Savings Plans coverage 63%',
  'Invoices: January 2026 invoice EUINIE26-0001 issued, amount due €981.20',
  'Tax settings · Payment preferences · Account · Cost categories · Cost allocation tags',
  'Data Exports: standard export "cur2-daily" delivered to s3://example-cur-delivery/reports/',
];

function pick(rand, list) {
  return list[Math.floor(rand() * list.length)];
}

/** One denial text in one of the forms a user meets, chosen at random. */
function denialText(rand) {
  const account = pick(rand, ACCOUNTS);
  const principal = pick(rand, PRINCIPALS)(account);
  const action = pick(rand, ACTIONS);
  const resource = action.startsWith('ce:') ? ` on resource: arn:aws:ce:us-east-1:${account}:/${action.slice(3)}` : '';
  const sentence = `User: ${principal} is not authorized to perform: ${action}${resource}${pick(rand, CONTEXTS)(action)}`;
  const [service, name] = action.split(':');
  switch (Math.floor(rand() * 8)) {
    case 0:
      return sentence;
    case 1:
      return `An error occurred (AccessDeniedException) when calling the ${name} operation: ${sentence}`;
    case 2:
      return `{"__type":"com.amazon.coral.service#AccessDeniedException","Message":"${sentence.replaceAll('"', '\\"')}"}`;
    case 3:
      return [
        'Access denied',
        `You don’t have permission to ${action}. To request access, copy the following text and send it to your AWS administrator. Learn more about troubleshooting access denied errors.`,
        `User: ${principal}`,
        `Service: ${service}`,
        `Action: ${name}`,
        'Context: no identity-based policy allows the action',
      ].join('\n');
    case 4:
      return [
        "You don't have permission to [Cost Explorer:]. To request access, copy the following text and send it to your AWS administrator. Learn more about troubleshooting access denied errors",
        `User: [${account}]`,
        'Service: [Cost Explorer]',
        'Name: [AccessDeniedException]',
        'HTTP status code: [400]',
        `Context: [${sentence}]`,
        'Request ID: [00000000-1111-2222-3333-444444444444]',
      ].join('\n');
    case 5:
      return 'An error occurred (AccessDeniedException) when calling the GetTags operation: User not enabled for cost explorer access';
    case 6:
      return 'You Need Permissions\nYou don&#39;t have permission to access billing information for this account. If you are an AWS administrator, make sure that (1) this account allows IAM and federated users to access billing information and (2) you have the required IAM permissions.';
    default:
      return `${sentence}. Go to https://us-east-1.console.aws.amazon.com/iam/home?region=us-east-1#/authorization-details/h4f6j8l0g2d5s7a9m1n3b5v7c for complete details, or call the GetRequestAuthorizationDetails API with the following authorization id: h4f6j8l0g2d5s7a9m1n3b5v7c`;
  }
}

/** About 1 MB of console page text: filler lines with a denial every few lines. */
export function mixedConsoleText(size = MB, seed = 42) {
  const rand = prng(seed);
  const parts = [];
  let length = 0;
  while (length < size) {
    const part = rand() < 0.25 ? denialText(rand) : pick(rand, FILLER);
    parts.push(part);
    length += part.length + 1;
  }
  return parts.join('\n').slice(0, size);
}

function noise(size) {
  const rand = prng(7);
  const codes = new Array(size);
  for (let i = 0; i < size; i++) codes[i] = 32 + Math.floor(rand() * 95);
  let s = '';
  for (let i = 0; i < size; i += 4096) s += String.fromCharCode.apply(null, codes.slice(i, i + 4096));
  return s;
}

/**
 * Adversarial 1 MB inputs, by name, each built when asked for: holding all of them at once would
 * make every garbage collection in a benchmark slower than the parser under test.
 */
export function adversarialInputs(size = MB) {
  const half = Math.floor(size / 2);
  const inputs = {
    'User: repeated': () => repeatTo('User: ', size),
    'is not authorized to perform: repeated': () => repeatTo('is not authorized to perform: ', size),
    'complete sentence repeated': () => repeatTo('User: a is not authorized to perform: b:c ', size),
    'distinct sentences repeated': () => Array.from({ length: Math.ceil(size / 80) }, (_, i) => `User: arn:aws:iam::111111111111:user/u${i} is not authorized to perform: ce:X`).join(' ').slice(0, size),
    'huge token before and after the anchor': () => `User: ${'a'.repeat(half)} is not authorized to perform: ${'b'.repeat(half)}`,
    'huge ARN-like token then anchor': () => `${repeatTo('arn:aws:iam::', half)} is not authorized to perform: ce:X on resource: ${repeatTo('arn:', half)}`,
    'nested brackets around a trigger': () => `${'['.repeat(half)}User: arn:aws:iam::111111111111:user/a is not authorized to perform: ce:X${']'.repeat(half)}`,
    '&amp; repeated': () => repeatTo('&amp;', size),
    'nested &amp;amp; encoding': () => `&${repeatTo('amp;', size - 1)}`,
    'entity-like runs without semicolons': () => repeatTo('&#x123456789abcdef', size),
    "You don't have permission to repeated": () => repeatTo("You don't have permission to ", size),
    'Context lines repeated': () => repeatTo('Context: no identity-based policy allows the action\n', size),
    'label lines repeated': () => unitsThen('User: x\nService: ce\nAction: Get\n', 'Context: a service control policy explicitly denies the action', size),
    'one huge line of labels after the prose': () => `You don't have permission to ce:X. ${repeatTo('User: ', size - 40)}`,
    'open parenthesis after every sentence': () => repeatTo('User: a is not authorized to perform: b:c (', size),
    'CLI prefix fragments': () => unitsThen('An error occurred (AccessDenied) when calling the X operation: ', 'User: arn:aws:iam::111111111111:user/a is not authorized to perform: ce:X', size),
    'Go SDK prefix fragments': () => unitsThen('api error AccessDeniedException: ', 'User: arn:aws:iam::111111111111:user/a is not authorized to perform: ce:X', size),
    'JSON message keys repeated': () => repeatTo('"message":"User: a is not authorized to perform: b:c ', size),
    'escaped JSON message keys repeated': () => `"message":"${repeatTo('\\"message\\":\\"User: a is not authorized to perform: b:c ', size - 12)}`,
    'backslash run before a JSON body': () => `${'\\'.repeat(size - 200)}"message":"User: arn:aws:iam::111111111111:user/a is not authorized to perform: ce:X"`,
    'XML message tags repeated': () => repeatTo('<Message>User: a is not authorized to perform: b:c ', size),
    'explicit deny clauses repeated': () => repeatTo('with an explicit deny in a ', size),
    'because clauses repeated': () => repeatTo('because no identity-based policy allows the ', size),
    'huge encoded authorization message': () => `User: a is not authorized to perform: b:c. Encoded authorization failure message: ${'x'.repeat(size - 90)}`,
    'huge troubleshooter URL': () => `User: a is not authorized to perform: b:c. Go to https://${'u'.repeat(size - 90)}`,
    'banner headings repeated': () => repeatTo('You Need Permissions\n', size),
    'console headers repeated': () => repeatTo('Access denied to ce:GetCostAndUsage\n', size),
    'whitespace and NBSP runs with triggers': () => repeatTo(' \u00a0\t\n\r\u2009 is not authorized \n\n to perform: ce:X \u00a0 ', size),
    'random printable noise': () => noise(size),
  };
  return inputs;
}
