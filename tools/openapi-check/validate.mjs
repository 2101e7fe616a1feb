// Validates an OpenAPI document (a file path) with @seriousme/openapi-schema-validator, an
// independent implementation of the OpenAPI 3.x JSON schemas. Prints the errors and exits 1 when
// the document is not valid. Run by the node's HTTP tests against GET /api/v1/openapi.json.
import { Validator } from "@seriousme/openapi-schema-validator";

const file = process.argv[2];
const validator = new Validator();
const result = await validator.validate(file);
if (!result.valid) {
  console.log(JSON.stringify(result.errors, null, 2));
  process.exit(1);
}
console.log(`valid OpenAPI ${validator.version}`);
