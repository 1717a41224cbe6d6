import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { logRead, unmaskQuery } from "../../core/audit.js";
import { type AppContext, errors, idParams, typed } from "../../core/context.js";
import { localParts } from "../../core/time.js";
import {
  cadenceSchema,
  contactBody,
  contactParams,
  contractBody,
  contractSchema,
  createCustomerBody,
  customerSchema,
  dateOnly,
  exportQuery,
  importBody,
  importReportSchema,
  listCustomersQuery,
  renewContractBody,
  updateContactBody,
  updateContractBody,
  updateCustomerBody,
} from "./contract.js";
import { exportCustomers, importCustomers } from "./data/import.js";
import {
  contactsOf,
  contractsEnding,
  contractsOf,
  getCadence,
  listCustomers,
  presentCustomer,
} from "./data.js";
import { guardCustomer } from "./guard.js";
import {
  addContact,
  addContract,
  createCustomer,
  findContract,
  removeContact,
  renewContract,
  setCadence,
  unmaskCustomerPhone,
  updateContact,
  updateContract,
  updateCustomer,
} from "./mutations.js";
import { agentInScope } from "./references.js";
import { nextDate } from "./rules.js";
import { authorizeField } from "./scope.js";
import { XLSX_TYPE } from "./xlsx.js";

const tags = ["field"];

/** The customer archive (客户档案, R-CUST) of rural agents and area managers: customers, contacts, contracts, the cadence. */
export async function customerRoutes(fastify: FastifyInstance, { ctx }: { ctx: AppContext }) {
  const app = typed(fastify);
  const { db, env } = ctx;
  const tz = env.TINGWU_TIMEZONE;

  app.post(
    "/api/field/customers",
    {
      schema: {
        tags,
        summary:
          "Add a customer to the archive (客户档案) with its contacts; due visit dates follow its tier",
        body: createCustomerBody,
        response: { 201: customerSchema, ...errors(400, 401, 403) },
      },
    },
    async (req, reply) => {
      const scope = authorizeField(req.principal, "field.write", req.body.areaCode);
      return reply.status(201).send(await createCustomer(db, scope, req.body));
    },
  );

  app.get(
    "/api/field/customers",
    {
      schema: {
        tags,
        summary: "Customers of your area (an agent or area manager sees their own region only)",
        querystring: listCustomersQuery,
        response: { 200: z.array(customerSchema), ...errors(400, 401, 403) },
      },
    },
    async (req) => {
      const scope = authorizeField(req.principal, "field.read");
      await agentInScope(db, scope, req.query.agentId);
      return listCustomers(db, scope, req.query);
    },
  );

  app.get(
    "/api/field/customers/export",
    {
      schema: {
        tags,
        summary:
          "The archive in your scope as CSV (default; UTF-8 with BOM) or Excel (format=xlsx), Chinese headers; either file imports again",
        description: "Carries full phone numbers: needs field.unmask and is logged in the audit log.",
        querystring: exportQuery,
        response: {
          200: z.string().describe("customers.csv (text) or customers.xlsx (bytes)"),
          ...errors(400, 401, 403),
        },
      },
    },
    async (req, reply) => {
      const scope = authorizeField(req.principal, "field.unmask");
      const { format } = req.query;
      const file = await exportCustomers(db, scope, format);
      return (
        reply
          .type(format === "xlsx" ? XLSX_TYPE : "text/csv; charset=utf-8")
          .header("content-disposition", `attachment; filename="customers.${format}"`)
          .header("cache-control", "no-store") // the file carries whole numbers
          // Fastify sends a Buffer as it is; the response schema documents the body, it does not serialize it.
          .send(file as string)
      );
    },
  );

  app.post(
    "/api/field/customers/import",
    {
      // Above the app's 1 MB: a county's archive as CSV (5 MB) or as .xlsx in base64 (7 MB characters).
      bodyLimit: 8 * 1024 * 1024,
      schema: {
        tags,
        summary:
          "Import customers from CSV (csv: the text) or Excel (xlsx: the .xlsx file in base64): all rows checked first, written in one transaction",
        description:
          "Send exactly one of csv and xlsx; an .xlsx is read from its first sheet, and a file that is not a workbook is a 400. Refused rows carry the row number the spreadsheet shows. mode all_or_nothing (default) answers 422 with the refused rows and imports nothing if any row is refused; valid_rows imports the others and reports the refused ones.",
        body: importBody,
        response: { 200: importReportSchema, ...errors(400, 401, 403, 422) },
      },
    },
    async (req) => importCustomers(db, authorizeField(req.principal, "field.write"), req.body),
  );

  app.get(
    "/api/field/customers/:id",
    { schema: { tags, params: idParams, response: { 200: customerSchema, ...errors(400, 401, 403, 404) } } },
    async (req) => {
      const { scope, customer } = await guardCustomer(db, req.principal, "field.read", req.params.id);
      await logRead(db, scope.userId, "field_customer", customer.id, null); // R-PRIVACY: a record read
      return presentCustomer(customer, await contactsOf(db, [customer.id]));
    },
  );

  app.patch(
    "/api/field/customers/:id",
    {
      schema: {
        tags,
        summary: "Update the archive (closes the 3-working-day archive deadline of earlier visits)",
        params: idParams,
        body: updateCustomerBody,
        response: { 200: customerSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => {
      const { customer } = await guardCustomer(db, req.principal, "field.write", req.params.id);
      return updateCustomer(db, customer, req.body);
    },
  );

  app.post(
    "/api/field/customers/:id/contacts",
    {
      schema: {
        tags,
        summary: "Add a contact or decision-maker (决策人)",
        params: idParams,
        body: contactBody,
        response: { 201: customerSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (req, reply) => {
      const { customer } = await guardCustomer(db, req.principal, "field.write", req.params.id);
      return reply.status(201).send(await addContact(db, customer, req.body));
    },
  );

  app.patch(
    "/api/field/customers/:id/contacts/:contactId",
    {
      schema: {
        tags,
        summary: "Change a contact (null clears title, phone or birthday)",
        params: contactParams,
        body: updateContactBody,
        response: { 200: customerSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => {
      const { customer } = await guardCustomer(db, req.principal, "field.write", req.params.id);
      return updateContact(db, customer, req.params.contactId, req.body);
    },
  );

  app.delete(
    "/api/field/customers/:id/contacts/:contactId",
    {
      schema: {
        tags,
        summary: "Remove a contact who has left (greetings already recorded stay on record)",
        params: contactParams,
        response: { 200: customerSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => {
      const { customer } = await guardCustomer(db, req.principal, "field.write", req.params.id);
      return removeContact(db, customer, req.params.contactId);
    },
  );

  app.get(
    "/api/field/customers/:id/phone",
    {
      schema: {
        tags,
        summary: "The customer's and contacts' full numbers (logged in the audit log)",
        params: idParams,
        querystring: unmaskQuery,
        response: {
          200: z.object({
            phone: z.string().nullable(),
            idNumber: z.string().nullable(),
            contacts: z.array(z.object({ id: z.uuid(), name: z.string(), phone: z.string().nullable() })),
          }),
          ...errors(400, 401, 403, 404),
        },
      },
    },
    async (req, reply) => {
      const { scope, customer } = await guardCustomer(db, req.principal, "field.unmask", req.params.id);
      const numbers = await unmaskCustomerPhone(db, customer, scope.userId, req.query.reason);
      reply.header("cache-control", "no-store"); // whole numbers are kept by no cache on the way
      return numbers;
    },
  );

  app.get(
    "/api/field/customers/:id/contracts",
    {
      schema: {
        tags,
        params: idParams,
        response: { 200: z.array(contractSchema), ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => {
      const { customer } = await guardCustomer(db, req.principal, "field.read", req.params.id);
      return contractsOf(db, customer.id);
    },
  );

  app.post(
    "/api/field/customers/:id/contracts",
    {
      schema: {
        tags,
        summary: "Record a contract (协议); reminders default to 60 and 30 days before its end",
        params: idParams,
        body: contractBody,
        response: { 201: contractSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (req, reply) => {
      const { customer } = await guardCustomer(db, req.principal, "field.write", req.params.id);
      return reply.status(201).send(await addContract(db, customer, req.body));
    },
  );

  app.post(
    "/api/field/contracts/:id/renew",
    {
      schema: {
        tags,
        summary: "Renew a contract (续约): a new contract follows, the old one is marked renewed",
        params: idParams,
        body: renewContractBody,
        response: { 201: contractSchema, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (req, reply) => {
      const contract = await findContract(db, req.params.id);
      authorizeField(req.principal, "field.write", contract.regionCode);
      return reply.status(201).send(await renewContract(db, contract.id, req.body));
    },
  );

  app.patch(
    "/api/field/contracts/:id",
    {
      schema: {
        tags,
        summary: "Correct an active contract: product, amount (yuan), dates, terms (null clears)",
        description:
          "A renewed or ended contract is history (409). The end date must stay after the start; a new end date starts its reminders afresh.",
        params: idParams,
        body: updateContractBody,
        response: { 200: contractSchema, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (req) => {
      const contract = await findContract(db, req.params.id);
      authorizeField(req.principal, "field.write", contract.regionCode);
      return updateContract(db, contract.id, req.body);
    },
  );

  app.get(
    "/api/field/contracts/ending",
    {
      schema: {
        tags: ["field-care"],
        summary: "Active contracts ending in a window (default: the next 60 days) — the monthly list",
        querystring: z.object({ from: dateOnly.optional(), to: dateOnly.optional() }),
        response: { 200: z.array(contractSchema), ...errors(400, 401, 403) },
      },
    },
    async (req) => {
      const scope = authorizeField(req.principal, "field.read");
      const from = req.query.from ?? localParts(new Date(), tz).date;
      return contractsEnding(db, scope, from, req.query.to ?? nextDate(from, 60));
    },
  );

  app.get(
    "/api/field/cadence",
    {
      schema: {
        tags,
        summary: "Visit cadence per tier",
        response: { 200: z.array(cadenceSchema), ...errors(401, 403) },
      },
    },
    async (req) => {
      authorizeField(req.principal, "field.read");
      return getCadence(db);
    },
  );

  app.put(
    "/api/field/cadence",
    {
      schema: {
        tags,
        summary: "Set the visit cadence per tier (days; null = as needed)",
        body: z.array(cadenceSchema).min(1).max(3),
        response: { 200: z.array(cadenceSchema), ...errors(400, 401, 403) },
      },
    },
    async (req) => {
      // The cadence is operator-wide: an area manager's edit would change other regions.
      authorizeField(req.principal, "field.cadence");
      return setCadence(db, req.body);
    },
  );
}
