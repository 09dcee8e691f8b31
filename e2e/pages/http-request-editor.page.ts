import type { Locator } from '@playwright/test';
import { HttpPage } from './http.page';

type Section = 'params' | 'headers' | 'body' | 'tests' | 'scripts';
type BodyType = 'none' | 'json' | 'text' | 'xml' | 'form' | 'multipart' | 'binary';

/** The request editor's sections (params, body types, assertions, scripts) over the HTTP tab's page object. */
export class HttpRequestEditorPage extends HttpPage {
  async section(id: Section): Promise<void> {
    await this.tab.getByTestId(`http-section-${id}`).click();
  }

  sectionTab(id: Section): Locator {
    return this.tab.getByTestId(`http-section-${id}`);
  }

  queryName(n: number): Locator {
    return this.tab.getByLabel(`Query param ${n} name`, { exact: true });
  }

  queryValue(n: number): Locator {
    return this.tab.getByLabel(`Query param ${n} value`, { exact: true });
  }

  async addQueryParam(name: string, value: string): Promise<void> {
    await this.tab.getByRole('button', { name: 'Add a query param' }).click();
    const n = await this.tab.getByTestId('http-query-params').getByTestId('mock-row').count();
    await this.queryName(n).fill(name);
    await this.queryValue(n).fill(value);
  }

  get pathParams(): Locator {
    return this.tab.getByTestId('http-path-param');
  }

  pathParamValue(name: string): Locator {
    return this.tab.getByLabel(`Path param ${name} value`, { exact: true });
  }

  async bodyType(type: BodyType): Promise<void> {
    await this.section('body');
    await this.tab.getByTestId(`http-body-type-${type}`).check();
  }

  async addFormField(name: string, value: string): Promise<void> {
    await this.tab.getByRole('button', { name: 'Add a field' }).click();
    const n = await this.tab.getByTestId('http-form-fields').getByTestId('mock-row').count();
    await this.tab.getByLabel(`Field ${n} name`, { exact: true }).fill(name);
    await this.tab.getByLabel(`Field ${n} value`, { exact: true }).fill(value);
  }

  async addTextPart(name: string, value: string): Promise<void> {
    await this.tab.getByRole('button', { name: 'Add a part' }).click();
    const n = await this.tab.getByTestId('http-multipart-parts').getByTestId('mock-row').count();
    await this.tab.getByLabel(`Part ${n} name`, { exact: true }).fill(name);
    await this.tab.getByLabel(`Part ${n} value`, { exact: true }).fill(value);
  }

  /** Adds an assertion row (it starts as `status equals 200`) and returns its number. */
  async addAssertion(): Promise<number> {
    await this.section('tests');
    await this.tab.getByRole('button', { name: 'Add a assertion' }).click();
    return this.tab.getByTestId('http-assertions').getByTestId('mock-row').count();
  }

  assertionField(n: number, field: 'target' | 'header name' | 'path' | 'operator' | 'value'): Locator {
    return this.tab.getByLabel(`Assertion ${n} ${field}`, { exact: true });
  }

  variable(name: string): Locator {
    return this.tab.locator(`[data-testid="http-url-variable"][data-variable="${name}"]`);
  }

  get variableTip(): Locator {
    return this.tab.getByTestId('http-url-variable-tip');
  }

  get assertionResults(): Locator {
    return this.tab.getByTestId('http-assertion-row');
  }
}
