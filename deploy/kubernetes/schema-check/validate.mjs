// Reads rendered manifests (YAML, several documents) on standard input and validates each object against
// its kind's schema from kubernetes-models: required fields, types, enumerations, formats. Prints one line
// per problem and exits 1 if there is any, or if an object's kind has no schema here.
import { readFileSync } from "node:fs";
import yaml from "js-yaml";

// apiVersion -> the package folder that holds its kinds
const PACKAGES = {
  "keda.sh/": "@kubernetes-models/keda/keda.sh/",
  "kafka.strimzi.io/": "@kubernetes-models/strimzi-kafka-operator/kafka.strimzi.io/",
  "monitoring.coreos.com/": "@kubernetes-models/prometheus-operator/monitoring.coreos.com/",
};

function modulePath(apiVersion, kind) {
  for (const [prefix, folder] of Object.entries(PACKAGES)) {
    if (apiVersion.startsWith(prefix)) return `${folder}${apiVersion.slice(prefix.length)}/${kind}`;
  }
  return `kubernetes-models/${apiVersion}/${kind}`; // v1 (core), apps/v1, networking.k8s.io/v1, ...
}

const objects = yaml.loadAll(readFileSync(0, "utf8")).filter((o) => o && Object.keys(o).length > 0);
let problems = 0;
for (const object of objects) {
  const where = `${object.kind} ${object.metadata?.name}`;
  let Model;
  try {
    Model = (await import(modulePath(object.apiVersion, object.kind)))[object.kind];
  } catch {
    console.log(`${where}: no schema for ${object.apiVersion} ${object.kind}`);
    problems++;
    continue;
  }
  try {
    new Model(object).validate();
  } catch (error) {
    console.log(`${where}: ${error.message}`);
    problems++;
  }
}
console.log(`${objects.length} objects, ${problems} problem(s)`);
process.exit(problems === 0 ? 0 : 1);
