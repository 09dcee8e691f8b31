import type { Locator } from '@playwright/test';
import { HttpRequestEditorPage } from './http-request-editor.page';

/** The GraphQL and SOAP body editors of an HTTP tab. */
export class HttpGraphqlSoapPage extends HttpRequestEditorPage {
  async protocolBody(type: 'graphql' | 'soap'): Promise<void> {
    await this.section('body');
    await this.tab.getByTestId(`http-body-type-${type}`).check();
  }

  get fetchSchema(): Locator {
    return this.tab.getByTestId('http-graphql-fetch-schema');
  }

  get schemaStatus(): Locator {
    return this.tab.getByTestId('http-graphql-schema-status');
  }

  /** The query editor's editable content (CodeMirror). */
  get query(): Locator {
    return this.tab.getByTestId('http-graphql-query').locator('.cm-content');
  }

  get completions(): Locator {
    return this.page.locator('.cm-tooltip-autocomplete');
  }

  get operation(): Locator {
    return this.tab.getByTestId('http-graphql-operation');
  }

  get variables(): Locator {
    return this.tab.getByTestId('http-graphql-variables');
  }

  get problems(): Locator {
    return this.tab.getByTestId('http-graphql-problems');
  }

  async loadWsdl(url: string): Promise<void> {
    await this.tab.getByTestId('http-soap-load-wsdl').click();
    await this.tab.getByTestId('http-soap-wsdl-url').fill(url);
    await this.tab.getByTestId('http-soap-wsdl-fetch').click();
  }

  get soapOperation(): Locator {
    return this.tab.getByTestId('http-soap-operation');
  }

  get soapAction(): Locator {
    return this.tab.getByTestId('http-soap-action');
  }

  get soapVersion(): Locator {
    return this.tab.getByTestId('http-soap-version');
  }

  get envelope(): Locator {
    return this.tab.getByTestId('http-soap-envelope');
  }
}
