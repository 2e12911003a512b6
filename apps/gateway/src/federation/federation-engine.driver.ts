import type { GatewayInterface } from '@apollo/server-gateway-interface';
import type { ApolloDriverConfig } from '@nestjs/apollo';
import { ApolloGatewayDriver, PluginsExplorerService } from '@nestjs/apollo';
import { Injectable } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';
import { extend } from '@nestjs/graphql';

/** The exchange endpoint's configuration: Apollo Server's options, and the federation engine behind it. */
export interface FederationEngineDriverConfig {
  server: Omit<ApolloDriverConfig, 'typeDefs' | 'typePaths' | 'include' | 'resolvers' | 'autoSchemaFile' | 'schema' | 'subscriptions' | 'driver'>;
  engine: GatewayInterface;
}

/** Apollo Server's start in @nestjs/apollo's base driver, which the package does not export. */
const startApolloServer = (Object.getPrototypeOf(ApolloGatewayDriver.prototype) as { start(this: ApolloGatewayDriver, options: Record<string, unknown>): Promise<void> }).start;

/**
 * NestJS driver for Apollo Server over a federation engine given as an
 * instance of Apollo Server's gateway interface. @nestjs/apollo's
 * ApolloGatewayDriver always constructs an ApolloGateway of its own from a
 * configuration, so it cannot serve another engine; this is that driver
 * with the engine passed in. Plugins from NestJS modules are collected the
 * same way, and Apollo Server is started by the same base driver.
 */
@Injectable()
export class FederationEngineDriver extends ApolloGatewayDriver {
  private readonly pluginsExplorer: PluginsExplorerService;

  constructor(modulesContainer: ModulesContainer) {
    super(modulesContainer);
    this.pluginsExplorer = new PluginsExplorerService(modulesContainer);
  }

  override async start(options: Record<string, unknown>): Promise<void> {
    const { server, engine } = options as unknown as FederationEngineDriverConfig;
    const plugins = extend(server.plugins ?? [], this.pluginsExplorer.explore(options));
    await startApolloServer.call(this, { ...server, plugins, gateway: engine });
  }
}
