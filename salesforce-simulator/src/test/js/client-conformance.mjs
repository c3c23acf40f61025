// jsforce pointed at the simulator, doing what integrations do every day, with jsforce's defaults
// (API version 50.0). Prints one line per check and exits non-zero if any failed.
//   node client-conformance.mjs <simulator base URL> <consumer key> <consumer secret>
import jsforce from 'jsforce';

const [base, clientId, clientSecret] = process.argv.slice(2);
const results = [];
async function check(name, fn) {
  try {
    await fn();
    results.push({ name, ok: true });
  } catch (e) {
    results.push({ name, ok: false, error: `${e.errorCode ?? e.name ?? ''} ${e.message}`.trim() });
  }
}
function expect(condition, message) {
  if (!condition) throw new Error(message);
}

const oauth2 = new jsforce.OAuth2({ loginUrl: base, clientId, clientSecret });
let conn = new jsforce.Connection({ oauth2 });

await check('OAuth client credentials through jsforce', async () => {
  const res = await oauth2.requestToken({ grant_type: 'client_credentials' });
  expect(res.access_token && res.instance_url, `no token: ${JSON.stringify(res)}`);
  conn = new jsforce.Connection({ oauth2, accessToken: res.access_token, instanceUrl: res.instance_url });
});

await check('versions and the resource map of the default version', async () => {
  const versions = await conn.request('/services/data/');
  expect(versions.some((v) => v.version === conn.version), `version ${conn.version} not listed`);
  const resources = await conn.request(`/services/data/v${conn.version}/`);
  for (const key of ['sobjects', 'query', 'queryAll', 'limits', 'composite', 'jobs']) {
    expect(resources[key], `resource map lacks ${key}`);
  }
});

await check('describeGlobal', async () => {
  const global = await conn.describeGlobal();
  const account = global.sobjects.find((s) => s.name === 'Account');
  expect(account && account.queryable && account.createable && account.keyPrefix === '001', 'Account not described');
  expect(global.encoding === 'UTF-8' && global.maxBatchSize === 200, 'encoding or maxBatchSize missing');
});

let describe;
await check('describe an object', async () => {
  describe = await conn.sobject('Account').describe();
  const name = describe.fields.find((f) => f.name === 'Name');
  expect(name && name.type === 'string' && name.createable && !name.nillable, 'Name field not described');
  const id = describe.fields.find((f) => f.name === 'Id');
  expect(id && id.type === 'id', 'Id field missing');
  const rating = describe.fields.find((f) => f.name === 'Rating');
  expect(rating.picklistValues.some((p) => p.value === 'Hot' && p.active), 'picklist values missing');
  expect(describe.fields.some((f) => f.name === 'SystemModstamp'), 'system fields missing');
  expect(describe.urls && describe.urls.sobject, 'urls missing');
  const contact = await conn.sobject('Contact').describe();
  const accountId = contact.fields.find((f) => f.name === 'AccountId');
  expect(accountId.referenceTo[0] === 'Account' && accountId.relationshipName === 'Account', 'reference not described');
});

let id;
await check('create, retrieve, update, upsert, delete one record', async () => {
  const created = await conn.sobject('Account').create({ Name: 'jsforce Ltd', External_Id__c: 'JS-1' });
  expect(created.success && created.id, JSON.stringify(created));
  id = created.id;
  const record = await conn.sobject('Account').retrieve(id);
  expect(record.Name === 'jsforce Ltd' && record.Id === id, JSON.stringify(record));
  const updated = await conn.sobject('Account').update({ Id: id, Phone: '555-0100' });
  expect(updated.success, JSON.stringify(updated));
  const upserted = await conn.sobject('Account').upsert({ External_Id__c: 'JS-2', Name: 'Upserted' }, 'External_Id__c');
  expect(upserted.success, JSON.stringify(upserted));
  const again = await conn.sobject('Account').upsert({ External_Id__c: 'JS-2', Industry: 'Energy' }, 'External_Id__c');
  expect(again.success, JSON.stringify(again));
});

await check('sObject Collections: create, retrieve, update, delete many', async () => {
  const created = await conn.sobject('Account').create(
    [{ Name: 'Many 1' }, { Name: 'Many 2' }, { Name: 'Many 3' }],
    { allOrNone: true },
  );
  expect(created.length === 3 && created.every((r) => r.success), JSON.stringify(created));
  const ids = created.map((r) => r.id);
  const retrieved = await conn.sobject('Account').retrieve(ids, { fields: ['Id', 'Name'] });
  expect(retrieved.length === 3 && retrieved[1].Name === 'Many 2', JSON.stringify(retrieved));
  const all = await conn.sobject('Account').retrieve(ids);
  expect(all.length === 3 && all[0].Id === ids[0], JSON.stringify(all));
  const updated = await conn.sobject('Account').update(ids.map((i) => ({ Id: i, Rating: 'Warm' })));
  expect(updated.every((r) => r.success), JSON.stringify(updated));
  const deleted = await conn.sobject('Account').destroy(ids);
  expect(deleted.every((r) => r.success), JSON.stringify(deleted));
});

await check('SOQL as integrations write it', async () => {
  const contact = await conn.sobject('Contact').create({ LastName: 'Child', AccountId: id });
  expect(contact.success, JSON.stringify(contact));
  const withParent = await conn.query(`SELECT Id, LastName, Account.Name FROM Contact WHERE AccountId = '${id}'`);
  expect(withParent.totalSize === 1 && withParent.records[0].Account.Name === 'jsforce Ltd', JSON.stringify(withParent));
  const today = await conn.query('SELECT Id FROM Account WHERE CreatedDate = TODAY AND LastModifiedDate >= LAST_N_DAYS:7');
  expect(today.totalSize >= 2, `TODAY found ${today.totalSize}`);
  const found = await conn.sobject('Account')
    .find({ Name: { $like: 'jsforce%' } }, ['Id', 'Name'])
    .sort('-CreatedDate')
    .limit(5);
  expect(found.length === 1 && found[0].Id === id, JSON.stringify(found));
  const counted = await conn.query("SELECT COUNT() FROM Account WHERE Name LIKE 'Upsert%'");
  expect(counted.totalSize === 1, `COUNT() gave ${counted.totalSize}`);
  const notIn = await conn.query("SELECT Id FROM Account WHERE Industry NOT IN ('Banking') AND Name != null");
  expect(notIn.totalSize >= 2, `NOT IN found ${notIn.totalSize}`);
});

await check('limits', async () => {
  const limits = await conn.limits();
  expect(limits.DailyApiRequests.Max > 0, JSON.stringify(limits.DailyApiRequests));
});

await check('Bulk API 2.0 query through jsforce', async () => {
  conn.bulk2.pollInterval = 200;
  conn.bulk2.pollTimeout = 20000;
  const records = await (await conn.bulk2.query('SELECT Id, Name FROM Account ORDER BY Name')).toArray();
  expect(records.length >= 2 && records.some((r) => r.Name === 'jsforce Ltd'), JSON.stringify(records));
});

await check('an unknown path answers Salesforce-shaped JSON', async () => {
  try {
    await conn.request(`/services/data/v${conn.version}/no/such/thing`);
    throw new Error('no error');
  } catch (e) {
    expect(e.errorCode === 'NOT_FOUND', `got ${e.errorCode}: ${e.message}`);
  }
});

await check('logout revokes the token', async () => {
  const token = conn.accessToken;
  await conn.logout();
  const after = new jsforce.Connection({ instanceUrl: base, accessToken: token });
  try {
    await after.query('SELECT Id FROM Account');
    throw new Error('the revoked token still works');
  } catch (e) {
    expect(e.errorCode === 'INVALID_SESSION_ID', `got ${e.errorCode}: ${e.message}`);
  }
});

for (const r of results) {
  console.log(`${r.ok ? 'PASS' : 'FAIL'} ${r.name}${r.ok ? '' : ` — ${r.error}`}`);
}
process.exit(results.every((r) => r.ok) ? 0 : 1);
