/**
 * What the request editor learns about a GraphQL or SOAP endpoint (issue 8 item 1): a GraphQL schema by
 * introspection, compact enough for completion, and a WSDL's services, ports and operations.
 */
import { z } from 'zod';

/** One field (or input field) of a type; `type` as GraphQL writes it (`[User!]!`). */
export const GraphqlFieldInfo = z.object({
  name: z.string(),
  type: z.string(),
  args: z.array(z.object({ name: z.string(), type: z.string() })),
  description: z.string().nullable(),
});
export type GraphqlFieldInfo = z.infer<typeof GraphqlFieldInfo>;

export const GraphqlTypeInfo = z.object({
  name: z.string(),
  kind: z.enum(['OBJECT', 'INTERFACE', 'UNION', 'ENUM', 'INPUT_OBJECT', 'SCALAR']),
  /** Object, interface and input object types; empty for the others. */
  fields: z.array(GraphqlFieldInfo),
  /** Enum values, or a union's member types; empty for the others. */
  members: z.array(z.string()),
});
export type GraphqlTypeInfo = z.infer<typeof GraphqlTypeInfo>;

/** A schema as the endpoint's introspection answered it (the `__` types left out). */
export const GraphqlSchemaInfo = z.object({
  queryType: z.string().nullable(),
  mutationType: z.string().nullable(),
  subscriptionType: z.string().nullable(),
  types: z.array(GraphqlTypeInfo),
  /** The schema as SDL, for validating a query against it in the editor. */
  sdl: z.string(),
});
export type GraphqlSchemaInfo = z.infer<typeof GraphqlSchemaInfo>;

/** One part of an operation's input message, with the child elements a starter envelope holds. */
export const WsdlPart = z.object({
  name: z.string(),
  /** `{namespace}local` of a document/literal part's element, or null for a typed (rpc) part. */
  element: z.string().nullable(),
  /** The part's XML Schema type (`xsd:string`, `{ns}Order`) when it names one. */
  type: z.string().nullable(),
});

export const WsdlOperation = z.object({
  name: z.string(),
  /** The SOAPAction (1.1) or action parameter (1.2); empty when the binding names none. */
  soapAction: z.string(),
  style: z.enum(['document', 'rpc']),
  input: z.array(WsdlPart),
  /** A starter envelope for this port's SOAP version: the input's elements with `?` for each value. */
  envelope: z.string(),
  documentation: z.string().nullable(),
});
export type WsdlOperation = z.infer<typeof WsdlOperation>;

export const WsdlPort = z.object({
  name: z.string(),
  binding: z.string(),
  version: z.enum(['1.1', '1.2']),
  /** The port's soap:address location (the URL to send to); empty when it names none. */
  address: z.string(),
  operations: z.array(WsdlOperation),
});
export type WsdlPort = z.infer<typeof WsdlPort>;

export const WsdlInfo = z.object({
  targetNamespace: z.string(),
  services: z.array(z.object({ name: z.string(), ports: z.array(WsdlPort) })),
  /** What was left out (an imported schema not followed, a binding that is not SOAP). */
  warnings: z.array(z.string()),
});
export type WsdlInfo = z.infer<typeof WsdlInfo>;
